import { beforeAll, describe, expect, it } from 'vitest';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import type { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, type caller } from '../support/api-events.ts';
import { dmarc, MAIL_START, mailRuntime, mime } from '../support/mail-runtime.ts';

type Outcome = { kind: string; caseId?: number; id?: string; reason?: string };
type Held = {
  id: string;
  status: string;
  unverified: boolean;
  reason: string;
  from: string;
  org: string;
  caseId?: number;
  subject: string;
  excerpt?: string;
  text?: string;
  rawMail: { key: string; size: number };
  decidedBy?: string;
  outcome?: { kind: string; caseId: number };
};
type Ticket = { caseId: number; status: string; timeline: Array<{ type: string; body?: string }> };

describe('mail that does not prove its sender (no DMARC PASS)', () => {
  const clock = new LocalClock('manual', MAIL_START);
  let runtime: LocalRuntime;
  let call: ReturnType<typeof caller>;
  const received = async (raw: Buffer) => ((await runtime.receiveMail(raw)) as Outcome[])[0] as Outcome;
  const ticket = async (caseId: number) => (await call<Ticket>('GET', `/tickets/${caseId}`, { claims: as.agent() })).body;
  const held = async (status = 'held') =>
    (await call<{ items: Held[] }>('GET', '/held-mail', { claims: as.agent(), query: { status } })).body.items;
  const mailsTo = (address: string) => runtime.outbox.items.filter((i) => i.to === address);

  beforeAll(async () => {
    ({ runtime, call } = await mailRuntime('held-mail', { clock }));
    const org = { id: 'kore-demo', name: 'KORE', policy: 'kore', tier: 'premium', region: 'us', emailDomains: ['kore-demo.example'] };
    expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
  });

  it('opens no ticket for a customer domain without DMARC (GRAY): it is held, listed for agents as unverified', async () => {
    const before = runtime.outbox.items.length;
    const wire = { From: 'ceo@kore-demo.example', Subject: 'Wire the money', 'Message-ID': '<gray-1@kore-demo.example>' };
    const outcome = await received(mime({ ...wire, ...dmarc('GRAY') }, 'Urgent, pay invoice 42.'));
    expect(outcome).toMatchObject({ kind: 'held', reason: 'DMARC GRAY; SPF PASS, DKIM PASS' });
    expect(runtime.outbox.items.length).toBe(before);
    const customers = await call<{ items: Array<{ subject: string }> }>('GET', '/tickets', { claims: as.customer('kore-demo') });
    expect(customers.body.items.map((t) => t.subject)).not.toContain('Wire the money');
    const [listed] = await held();
    expect(listed).toMatchObject({
      id: outcome.id,
      status: 'held',
      unverified: true,
      from: 'ceo@kore-demo.example',
      org: 'kore-demo',
      subject: 'Wire the money',
      excerpt: 'Urgent, pay invoice 42.',
      rawMail: { key: expect.stringMatching(/^inbound\//) },
    });
    expect(listed?.caseId).toBeUndefined();
  });

  it('is for agents only', async () => {
    expect((await call('GET', '/held-mail', { claims: as.customer('kore-demo') })).status).toBe(403);
    expect((await call('POST', '/held-mail/20260302T140000000Z-x/accept', { claims: as.customer('kore-demo') })).status).toBe(403);
  });

  it('adds nothing to a case, and reopens nothing, from a reply under p=none that quotes the case id; accepting adds it', async () => {
    const first = await received(
      mime({ From: 'anna@kore-demo.example', Subject: 'Router down', 'Message-ID': '<n-1@kore-demo.example>' }, 'Down.'),
    );
    const caseId = first.caseId as number;
    await call('PATCH', `/tickets/${caseId}`, { claims: as.agent(), body: { status: 'resolved' } });
    const reply = { From: 'anna@kore-demo.example', Subject: `Re: [#${caseId}] Router down`, 'Message-ID': '<n-2@attacker.example>' };
    const unaligned = { ...dmarc('FAIL; p=none'), 'X-Local-Verdict-Dkim': 'FAIL' };
    const spoof = await received(mime({ ...reply, ...unaligned }, 'Please reset the admin password to hunter2.'));
    expect(spoof).toMatchObject({ kind: 'held', reason: 'DMARC FAIL (p=none); SPF PASS, DKIM FAIL' });
    const t = await ticket(caseId);
    expect(t.status).toBe('resolved');
    expect(t.timeline.filter((e) => e.type === 'customer_replied')).toEqual([]);
    const listed = (await held()).find((h) => h.id === spoof.id);
    expect(listed?.caseId).toBe(caseId);

    const accept = await call<Held>('POST', `/held-mail/${spoof.id}/accept`, { claims: as.agent('agent-7') });
    expect(accept.status).toBe(200);
    expect(accept.body).toMatchObject({ status: 'accepted', decidedBy: 'agent-7', outcome: { kind: 'message', caseId } });
    expect((await ticket(caseId)).timeline.filter((e) => e.type === 'customer_replied').map((e) => e.body)).toEqual([
      'Please reset the admin password to hunter2.',
    ]);
  });

  it('becomes the ticket it would have made when an agent accepts it, once, however often it is accepted', async () => {
    const vpnDrops = { From: 'bob@kore-demo.example', Subject: 'VPN drops', 'Message-ID': '<pf-1@kore-demo.example>' };
    const outcome = await received(mime({ ...vpnDrops, ...dmarc('PROCESSING_FAILED') }, 'Every hour.'));
    expect(outcome.kind).toBe('held');
    const first = await call<Held>('POST', `/held-mail/${outcome.id}/accept`, { claims: as.agent() });
    expect(first.body.outcome?.kind).toBe('ticket');
    const caseId = first.body.outcome?.caseId as number;
    await runtime.settle();
    expect(mailsTo('bob@kore-demo.example').map((m) => m.subject)).toEqual([`[#${caseId}] Your request: VPN drops`]);
    const again = await call<Held>('POST', `/held-mail/${outcome.id}/accept`, { claims: as.agent() });
    expect(again.body.outcome).toEqual({ kind: 'ticket', caseId });
    // The same message delivered again, this time verified, was handled already.
    expect(await received(mime(vpnDrops, 'x'))).toEqual({ kind: 'duplicate' });
    expect((await held()).map((h) => h.id)).not.toContain(outcome.id);
    expect((await held('accepted')).map((h) => h.id)).toContain(outcome.id);
  });

  it('attaches a held message to nothing when an agent rejects it; it cannot be accepted after that', async () => {
    const outcome = await received(
      mime({ From: 'eve@kore-demo.example', Subject: 'Invoice', 'Message-ID': '<rj-1@kore-demo.example>', ...dmarc('GRAY') }, 'x'),
    );
    const rejected = await call<Held>('POST', `/held-mail/${outcome.id}/reject`, { claims: as.agent() });
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: 'agent-1' });
    expect((await call('POST', `/held-mail/${outcome.id}/accept`, { claims: as.agent() })).status).toBe(409);
    expect((await call('GET', `/held-mail/${outcome.id}`, { claims: as.agent() })).body).toMatchObject({ status: 'rejected', text: 'x' });
  });

  it('answers 404 for an unknown held message and 400 for a malformed cursor or status', async () => {
    expect((await call('GET', '/held-mail/20260302T140000000Z-nothing', { claims: as.agent() })).status).toBe(404);
    expect((await call('POST', '/held-mail/not-an-id/accept', { claims: as.agent() })).status).toBe(404);
    expect((await call('GET', '/held-mail', { claims: as.agent(), query: { cursor: '20261399T000000000Z-x' } })).status).toBe(400);
    expect((await call('GET', '/held-mail', { claims: as.agent(), query: { status: 'maybe' } })).status).toBe(400);
  });

  it('pages through held mail with the cursor it hands out', async () => {
    const ids = [];
    for (const n of [1, 2, 3]) {
      const raw = mime(
        { From: 'pager@kore-demo.example', Subject: `p${n}`, 'Message-ID': `<pg-${n}@kore-demo.example>`, ...dmarc('GRAY') },
        'x',
      );
      ids.push((await received(raw)).id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call<{ items: Held[]; cursor?: string }>('GET', '/held-mail', {
        claims: as.agent(),
        query: { limit: '2', ...(cursor !== undefined && { cursor }) },
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((h) => h.id));
      cursor = page.body.cursor;
    } while (cursor !== undefined);
    expect(seen).toEqual(expect.arrayContaining(ids as string[]));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('courtesy replies to unknown senders', () => {
  const clock = new LocalClock('manual', MAIL_START);
  let runtime: LocalRuntime;
  const received = async (raw: Buffer) => ((await runtime.receiveMail(raw)) as Outcome[])[0] as Outcome;
  const mailsTo = (address: string) => runtime.outbox.items.filter((i) => i.to === address);

  beforeAll(async () => {
    ({ runtime } = await mailRuntime('courtesy', { clock }));
  });

  it('go out only when DMARC proves the sender: a forged sender would make us mail a stranger', async () => {
    const forged = { From: 'victim@elsewhere.example', Subject: 'Click https://evil.example', 'Message-ID': '<f-1@x.example>' };
    const outcome = await received(mime({ ...forged, ...dmarc('GRAY') }, 'x'));
    expect(outcome).toEqual({ kind: 'unknown-sender', domain: 'elsewhere.example' });
    expect(mailsTo('victim@elsewhere.example')).toEqual([]);
  });

  it('never repeat the subject, and go out at most once a day per address', async () => {
    for (const n of [1, 2, 3]) {
      await received(
        mime(
          { From: 'sam@elsewhere.example', Subject: `Visit https://spam.example/${n}`, 'Message-ID': `<c-${n}@elsewhere.example>` },
          'x',
        ),
      );
    }
    const replies = mailsTo('sam@elsewhere.example');
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies)).not.toContain('spam.example');
    expect(replies[0]?.subject).toBe('Your e-mail to our support');
    clock.moveTo(Date.parse('2026-03-03T00:00:01Z'));
    await received(mime({ From: 'sam@elsewhere.example', Subject: 'Hello again', 'Message-ID': '<c-4@elsewhere.example>' }, 'x'));
    expect(mailsTo('sam@elsewhere.example')).toHaveLength(2);
  });
});
