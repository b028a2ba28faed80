import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../bin/cli.ts';
import { apiHarness, serveApi } from '../api/api-harness.ts';
import { as, type Claims } from '../support/api-events.ts';

const gold = { id: 'gold-cli', name: 'Gold CLI', policy: 'tiered', tier: 'gold' };
const TOKENS: Record<string, Claims> = { agent: as.agent(), gold: as.customer(gold.id), other: as.customer('someone-else') };

describe('sla usage, against the local API', () => {
  let server: Awaited<ReturnType<typeof serveApi>>;
  beforeAll(async () => {
    const api = await apiHarness('2027-01-04T08:00:00.000Z');
    await api.call('POST', '/orgs', { claims: as.admin(), body: gold });
    const ticket = await api.call<{ caseId: number }>('POST', '/tickets', {
      claims: as.agent(),
      body: { org: gold.id, subject: 'Help', description: 'Please', severity: 'normal' },
    });
    api.clock.advance(6 * 3_600_000);
    for (const minutes of [240, 60])
      await api.call('POST', `/tickets/${ticket.body.caseId}/time`, { claims: as.agent(), body: { minutes } });
    api.clock.moveTo(Date.parse('2027-02-02T09:00:00Z'));
    server = await serveApi(api.handler, TOKENS);
  });
  afterAll(() => server.close());

  async function sla(line: string, token = 'agent') {
    let stdout = '';
    let stderr = '';
    const code = await run([...line.split(' '), '--api', server.baseUrl, '--token', token], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stdin: () => '',
    });
    return { code, stdout, stderr };
  }

  it('prints the statement for people', async () => {
    const printed = await sla(`usage --org ${gold.id} --period 2027-01`, 'gold');
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    expect(printed.stdout).toContain(
      'Usage of gold-cli, 2027-01 (closed): 2026-12-31T23:00:00.000Z to 2027-01-31T23:00:00.000Z, counted in Europe/Berlin',
    );
    expect(printed.stdout).toContain('Tier gold: 4h included, 0m carried in, 5h used');
    expect(printed.stdout).toMatch(/ {2}overage {4}.* 1 h \(60 min\) × 75\.00 EUR = 75\.00 EUR\n/);
    expect(printed.stdout).toContain('Total 75.00 EUR\nIncluded time used: 100 % reached\n');
  });

  it('prints the API’s CSV and JSON as they are; the current period without --period', async () => {
    const csv = await sla(`usage --org ${gold.id} --period 2027-01 --csv`);
    expect(csv.stdout).toMatch(/^period,kind,description,caseId,adjusts,quantity,unit,minutes,unitPrice,amount,currency\r\n/);
    expect(csv.stdout).toContain(',75.00,EUR\r\n');
    expect(JSON.parse((await sla(`usage --org ${gold.id} --json`)).stdout)).toMatchObject({ period: '2027-02', total: 0 });
  });

  it('exits 1 with the API’s refusal, 2 for a wrong invocation', async () => {
    const refused = await sla(`usage --org ${gold.id} --period 2027-13`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the API answered 400');
    expect(refused.stderr).toContain('period: expected a month');
    expect((await sla(`usage --org ${gold.id}`, 'other')).stderr).toContain('the API answered 404');
    expect((await sla('usage --period 2027-01')).code).toBe(2);
    expect((await sla(`usage --org ${gold.id} --csv --json`)).code).toBe(2);
  });
});
