import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../bin/cli.ts';
import { apiHarness, ORGS, serveApi } from '../api/api-harness.ts';
import { as, type Claims } from '../support/api-events.ts';

/** Bearer tokens the test server knows, by the claims they stand for. */
const TOKENS: Record<string, Claims> = {
  kore: { ...as.customer(ORGS.kore.id), email: 'ops@acme.example' },
  other: as.customer(ORGS.other.id),
};

describe('sla webhooks, against the local API', () => {
  let api: Awaited<ReturnType<typeof apiHarness>>;
  let base: string;
  let server: Awaited<ReturnType<typeof serveApi>>;
  beforeAll(async () => {
    api = await apiHarness();
    server = await serveApi(api.handler, TOKENS);
    base = server.baseUrl;
  });
  afterAll(() => server.close());

  async function sla(line: string, token = 'kore') {
    let stdout = '';
    let stderr = '';
    const code = await run([...line.split(' '), '--api', base, '--token', token], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
      stdin: () => '',
    });
    return { code, stdout, stderr };
  }

  it('registers, lists, shows, pauses, resumes, rotates and deletes an endpoint', async () => {
    const registered = await sla('webhooks register --url http://127.0.0.1:9999/hook --events ticket.created,page.sent');
    expect(registered).toMatchObject({ code: 0, stderr: '' });
    const [, id, secret] =
      /^(wh_\S+) {2}active {2}org acme-kore {2}http:\/\/127\.0\.0\.1:9999\/hook {2}ticket\.created,page\.sent\nsecret (whsec_\S+)/.exec(
        registered.stdout,
      ) ?? [];
    expect(id).toBeDefined();
    expect(secret).toBeDefined();

    expect((await sla('webhooks list')).stdout).toContain(`${id}  active  org acme-kore`);
    const shown = await sla(`webhooks show ${id} --json`);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id, contact: 'ops@acme.example', state: 'active' });
    expect(shown.stdout).not.toContain('whsec_');

    expect((await sla(`webhooks pause ${id}`)).stdout).toContain(`${id}  paused (owner)`);
    expect((await sla(`webhooks resume ${id}`)).stdout).toContain(`${id}  active  org`);

    const rotated = await sla(`webhooks rotate-secret ${id}`);
    expect(rotated.stdout).toMatch(/^secret whsec_\S+ {2}\(shown only now; the previous one signs until \d{4}-/);
    expect(rotated.stdout).not.toContain(secret as string);

    expect(await sla(`webhooks delete ${id}`)).toEqual({ code: 0, stdout: `deleted ${id}\n`, stderr: '' });
    const gone = await sla(`webhooks show ${id}`);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`the API answered 404: no webhook endpoint ${id}`);
  });

  it('reads the delivery log and replays a delivery, waking its queue', async () => {
    const { stdout } = await sla('webhooks register --url http://127.0.0.1:9999/log --events ticket.created --json');
    const { id } = JSON.parse(stdout) as { id: string };
    const now = api.clock.now();
    await api.webhooks.store.addDeliveries([
      {
        endpointId: id,
        eventId: 'evt_10001_v1_created',
        eventType: 'ticket.created',
        caseId: 10001,
        order: { seq: 1, rank: 0 },
        state: 'failed',
        attempts: [{ at: now, outcome: { status: 503, ms: 20 } }],
        nextAttemptAt: null,
        body: '{}',
        createdAt: now,
      },
    ]);
    const log = await sla(`webhooks deliveries ${id}`);
    expect(log.stdout).toBe(`${new Date(now).toISOString()}  evt_10001_v1_created  ticket.created  failed  1 attempts, last: HTTP 503\n`);
    const replayed = await sla(`webhooks replay ${id} evt_10001_v1_created`);
    expect(replayed.stdout).toBe(`replaying evt_10001_v1_created to ${id}: pending, next attempt ${new Date(now).toISOString()}\n`);
    expect(api.webhooks.wakeups.woken.at(-1)?.wakeUps).toEqual([{ endpointId: id, caseId: 10001 }]);
    // Still pending: asking again only wakes its queue again.
    const again = await sla(`webhooks replay ${id} evt_10001_v1_created`);
    expect([again.code, api.webhooks.wakeups.woken.length]).toEqual([0, 2]);
    await sla(`webhooks pause ${id}`);
    const paused = await sla(`webhooks replay ${id} evt_10001_v1_created`);
    expect(paused.code).toBe(1);
    expect(paused.stderr).toContain('409');
  });

  it("prints the API's refusals with each field's path, and keeps another organisation out", async () => {
    const refused = await sla('webhooks register --url https://169.254.169.254/latest --events ticket.created,ticket.exploded');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^sla: the API answered 400: the body is not valid\nsla: {3}url: 169\.254\.169\.254 is not a public address\nsla: {3}events\[1\]: /,
    );
    const { stdout } = await sla('webhooks register --url http://127.0.0.1:9999/mine --events ticket.created --json');
    const { id } = JSON.parse(stdout) as { id: string };
    const foreign = await sla(`webhooks show ${id}`, 'other');
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain('404');
    expect((await sla('webhooks list', 'other')).stdout).toBe('no webhook endpoints\n');
  });

  it('exits 2 on a wrong invocation, and 1 when the API cannot be reached', async () => {
    expect((await sla('webhooks show')).code).toBe(2);
    expect((await sla('webhooks list --url x')).stderr).toContain('does not take --url');
    expect((await sla('webhooks frob')).stderr).toContain('unknown webhooks command "frob"');
    let stderr = '';
    const code = await run(['webhooks', 'list', '--api', 'http://127.0.0.1:1', '--token', 'kore'], {
      stdout: () => {},
      stderr: (t) => (stderr += t),
      stdin: () => '',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('cannot reach the API');
    vi.stubEnv('SLA_TOKEN', '');
    const noToken = await run(['webhooks', 'list', '--api', base], { stdout: () => {}, stderr: (t) => (stderr = t), stdin: () => '' });
    vi.unstubAllEnvs();
    expect(noToken).toBe(2);
    expect(stderr).toContain('--token (or $SLA_TOKEN) is required');
  });
});
