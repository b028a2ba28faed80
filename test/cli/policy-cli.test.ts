import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { presetFile } from '#shared/policies/presets.ts';
import { run } from '../../bin/cli.ts';
import { apiHarness, serveApi } from '../api/api-harness.ts';
import { as, type Claims } from '../support/api-events.ts';

const TOKENS: Record<string, Claims> = { admin: as.admin(), agent: as.agent() };
const NETCOR = readFileSync(presetFile('netcor'), 'utf8');

describe('sla policy push and pull, against the local API', () => {
  let server: Awaited<ReturnType<typeof serveApi>>;
  const dir = mkdtempSync(join(tmpdir(), 'sla-policy-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeAll(async () => {
    const api = await apiHarness('2026-12-21T09:00:00.000Z');
    server = await serveApi(api.handler, TOKENS);
  });
  afterAll(() => server.close());

  async function sla(args: string[], token = 'admin') {
    let stdout = '';
    let stderr = '';
    const code = await run([...args, '--api', server.baseUrl, '--token', token], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stdin: () => '',
    });
    return { code, stdout, stderr };
  }

  it('pushes a new policy as version 1, then the next version; pull prints a version as YAML', async () => {
    const copy = file('copy.yaml', NETCOR.replace(/^id: netcor$/m, 'id: cli-copy'));
    const first = await sla(['policy', 'push', copy]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^published cli-copy v1 \(NETCOR Support\)/);

    const next = file(
      'next.yaml',
      NETCOR.replace(/^id: netcor$/m, 'id: cli-copy')
        .replace(/^version: 1\n/m, '')
        .replace('response: 4h', 'response: 2h'),
    );
    const dry = await sla(['policy', 'push', next, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: cli-copy v2 against v1; nothing stored');
    expect(dry.stdout).toContain('new tickets: 3 plans differ');
    expect(dry.stdout).toContain('calendars: unchanged');
    expect((await sla(['policy', 'push', next])).stdout).toMatch(/^published cli-copy v2/);

    const latest = await sla(['policy', 'pull', 'cli-copy'], 'agent');
    expect(parse(latest.stdout)).toMatchObject({ id: 'cli-copy', version: 2 });
    const v1 = await sla(['policy', 'pull', 'cli-copy', '--version', '1'], 'agent');
    expect(parse(v1.stdout).severities.critical.tiers.standard.response).toBe('4h');
  });

  it('publishes under another id with --id', async () => {
    const pushed = await sla(['policy', 'push', file('netcor.yaml', NETCOR), '--id', 'renamed', '--json']);
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout)).toMatchObject({ id: 'renamed', version: 1 });
  });

  it("exits 1 with the API's field errors, 2 for a wrong invocation", async () => {
    const bad = await sla([
      'policy',
      'push',
      file('bad.yaml', NETCOR.replace(/^id: netcor$/m, 'id: cli-bad').replace('response: 4h', 'response: soon')),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the API answered 422');
    expect(bad.stderr).toContain('severities.critical.tiers.standard.response');
    expect((await sla(['policy', 'pull', 'nope'], 'agent')).code).toBe(1);
    expect((await sla(['policy', 'push'])).code).toBe(2);
    expect((await sla(['policy', 'frob'])).code).toBe(2);
  });
});
