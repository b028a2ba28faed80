import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import type { OutboxItem } from '../../infra/local/lib/outbox.ts';
import { as, type caller } from '../support/api-events.ts';
import { mailRuntime, mime } from '../support/mail-runtime.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/mail', name));

/** What a mail client puts on a reply to one of our mails: SES's Message-ID of it, after the ids it quoted. */
const replyingTo = (mail: OutboxItem | undefined) => ({
  'In-Reply-To': mail?.messageId as string,
  References: [...(mail?.references ?? []), mail?.messageId].join(' '),
});

type Ticket = {
  caseId: number;
  org: string;
  severity: string;
  subject: string;
  description: string;
  channel: string;
  requesterEmail?: string;
  attachments?: unknown[];
  deadlines: unknown[];
  timeline: Array<{ type: string; body?: string; actor: { kind: string; id: string } }>;
};

describe('e-mail on the local stack', () => {
  let runtime: LocalRuntime;
  let call: ReturnType<typeof caller>;
  const received = async (raw: Buffer) => (await runtime.receiveMail(raw)) as Array<{ kind: string; caseId?: number; reason?: string }>;
  const ticket = async (caseId: number) => (await call<Ticket>('GET', `/tickets/${caseId}`, { claims: as.agent() })).body;
  const mailsTo = (caseId: number) => runtime.outbox.items.filter((i) => i.caseId === caseId && i.role === 'requester');

  beforeAll(async () => {
    ({ runtime, call } = await mailRuntime('mail'));
    for (const org of [
      { id: 'kore-demo', policy: 'kore', tier: 'premium', region: 'us', emailDomains: ['kore-demo.example'] },
      { id: 'netcor-demo', policy: 'netcor', tier: 'standard', emailDomains: ['netcor-demo.example'] },
    ]) {
      expect((await call('POST', '/orgs', { claims: as.admin(), body: { ...org, name: org.id } })).status).toBe(201);
    }
  });

  it('opens a ticket for the sender’s organisation, with the deadlines of its policy, and acknowledges it with the case id', async () => {
    const [outcome] = await received(fixture('multipart-alternative-qp-umlauts.eml'));
    expect(outcome?.kind).toBe('ticket');
    const caseId = outcome?.caseId as number;
    const t = await ticket(caseId);
    expect(t).toMatchObject({
      org: 'kore-demo',
      channel: 'email',
      requesterEmail: 'anna@kore-demo.example',
      severity: 'low',
      subject: '[urgent] Aktivierung schlägt fehl',
    });
    expect(t.description).toContain('schlägt jede SIM-Aktivierung fehl');
    expect(t.deadlines.length).toBeGreaterThan(0);
    const [ack] = mailsTo(caseId);
    expect(ack?.subject).toBe(`[#${caseId}] Your request: [urgent] Aktivierung schlägt fehl`);
    expect(ack?.text).toContain('We will respond within 8h of business time');
    // KORE prefers its portal for new cases: the case is opened all the same, and the acknowledgement says so.
    expect(ack?.text).toContain('please open new cases through our support portal');
    expect(ack?.to).toBe('anna@kore-demo.example');
  });

  it('adds a reply that quotes the case id to the same ticket, without the quoted history', async () => {
    const [first] = await received(
      mime(
        {
          From: 'bob@kore-demo.example',
          To: 'support@sla-escalator.local',
          Subject: 'Router down',
          'Message-ID': '<r-1@kore-demo.example>',
        },
        'The router is down.',
      ),
    );
    const caseId = first?.caseId as number;
    const [reply] = await received(
      mime(
        {
          From: 'bob@kore-demo.example',
          To: 'support@sla-escalator.local',
          Subject: `Re: [#${caseId}] Your request: Router down`,
          'Message-ID': '<r-2@kore-demo.example>',
        },
        'Still down after a reboot.\r\n\r\nOn Mon, 2 Mar 2026 at 14:05, Support wrote:\r\n> We are on it.',
      ),
    );
    expect(reply).toEqual({ kind: 'message', caseId });
    const t = await ticket(caseId);
    expect(t.timeline.filter((e) => e.type === 'customer_replied').map((e) => e.body)).toEqual(['Still down after a reboot.']);
  });

  it('threads a reply to our acknowledgement through the case’s thread root in its References, even without the tag', async () => {
    const [first] = await received(
      mime({ From: 'carol@kore-demo.example', Subject: 'Billing question', 'Message-ID': '<t-1@kore-demo.example>' }, 'Why two invoices?'),
    );
    const caseId = first?.caseId as number;
    const ack = mailsTo(caseId)[0];
    expect(ack?.messageId).toMatch(/^<local-ses-\d+@local\.amazonses\.com>$/);
    expect(ack?.references).toEqual([`<case-${caseId}@sla-escalator.local>`]);
    const [reply] = await received(
      mime(
        { From: 'carol@kore-demo.example', Subject: 'Re: Billing question', 'Message-ID': '<t-2@kore-demo.example>', ...replyingTo(ack) },
        'Any news?',
      ),
    );
    expect(reply).toEqual({ kind: 'message', caseId });
  });

  it('cannot thread a reply that quotes only SES’s Message-ID of our mail, without References or the tag: it opens a new case', async () => {
    const [first] = await received(
      mime({ From: 'gus@kore-demo.example', Subject: 'Invoice address', 'Message-ID': '<g-1@kore-demo.example>' }, 'Please change it.'),
    );
    const caseId = first?.caseId as number;
    const [reply] = await received(
      mime(
        {
          From: 'gus@kore-demo.example',
          Subject: 'Re: Invoice address',
          'Message-ID': '<g-2@kore-demo.example>',
          'In-Reply-To': mailsTo(caseId)[0]?.messageId as string,
        },
        'Any news?',
      ),
    );
    expect(reply?.kind).toBe('ticket');
    expect(reply?.caseId).not.toBe(caseId);
  });

  it('opens a new case for a reply to a closed one, whose mail carries only the new case id', async () => {
    const [first] = await received(
      mime({ From: 'fay@kore-demo.example', Subject: 'Portal slow', 'Message-ID': '<f-1@kore-demo.example>' }, 'Slow.'),
    );
    const closed = first?.caseId as number;
    await call('PATCH', `/tickets/${closed}`, { claims: as.agent(), body: { status: 'closed' } });
    const [again] = await received(
      mime(
        { From: 'fay@kore-demo.example', Subject: `Re: [#${closed}] Your request: Portal slow`, 'Message-ID': '<f-2@kore-demo.example>' },
        'Slow again.',
      ),
    );
    expect(again?.kind).toBe('ticket');
    const reopened = again?.caseId as number;
    const ack = mailsTo(reopened)[0];
    expect(ack?.subject).toBe(`[#${reopened}] Your request: Re: Your request: Portal slow`);
    const [reply] = await received(
      mime(
        { From: 'fay@kore-demo.example', Subject: `Re: ${ack?.subject}`, 'Message-ID': '<f-3@kore-demo.example>', ...replyingTo(ack) },
        'Thanks',
      ),
    );
    expect(reply).toEqual({ kind: 'message', caseId: reopened });
  });

  it('e-mails an agent’s public message to the requester, threaded to the case', async () => {
    const [first] = await received(
      mime({ From: 'dave@kore-demo.example', Subject: 'SIM not active', 'Message-ID': '<d-1@kore-demo.example>' }, 'ICCID 8901...'),
    );
    const caseId = first?.caseId as number;
    await call('POST', `/tickets/${caseId}/messages`, { claims: as.agent(), body: { body: 'Activated now, please retry.', public: true } });
    await call('POST', `/tickets/${caseId}/messages`, {
      claims: as.agent(),
      body: { body: 'internal: check provisioning logs', public: false },
    });
    await runtime.settle();
    const mails = mailsTo(caseId);
    expect(mails.map((m) => m.text)).toEqual([expect.stringContaining(`opened case #${caseId}`), 'Activated now, please retry.']);
    expect(mails[1]).toMatchObject({
      subject: `[#${caseId}] SIM not active`,
      inReplyTo: `<case-${caseId}@sla-escalator.local>`,
      references: [`<case-${caseId}@sla-escalator.local>`],
    });
  });

  it('handles the same Message-ID once', async () => {
    const raw = mime({ From: 'erin@kore-demo.example', Subject: 'Sent twice', 'Message-ID': '<twice@kore-demo.example>' }, 'Hello');
    const [first] = await received(raw);
    const [second] = await received(raw);
    expect(first?.kind).toBe('ticket');
    expect(second).toEqual({ kind: 'duplicate' });
    const list = await call<{ items: Array<{ subject: string }> }>('GET', '/tickets', {
      claims: as.customer('kore-demo'),
      query: { limit: '100' },
    });
    expect(list.body.items.filter((t) => t.subject === 'Sent twice')).toHaveLength(1);
  });

  it.each([
    ['Spam', 'FAIL', 'spam'],
    ['Virus', 'FAIL', 'virus'],
    ['Dmarc', 'FAIL; p=reject', 'dmarc'],
    ['Dmarc', 'FAIL; p=quarantine', 'dmarc'],
  ])('stores nothing for a message with X-Local-Verdict-%s: %s', async (name, value, reason) => {
    const before = runtime.outbox.items.length;
    const [outcome] = await received(
      mime(
        {
          From: 'mallory@kore-demo.example',
          Subject: `verdict ${name} ${value}`,
          'Message-ID': `<${name}-${value.replace(/\W/g, '')}@kore-demo.example>`,
          [`X-Local-Verdict-${name}`]: value,
        },
        'buy now',
      ),
    );
    expect(outcome).toEqual({ kind: 'rejected', reason });
    expect(runtime.outbox.items.length).toBe(before);
  });

  it('refuses a message whose From names several mailboxes: it would speak for each of them', async () => {
    const [outcome] = await received(
      mime({ From: 'anna@kore-demo.example, mallory@attacker.example', Subject: 'x', 'Message-ID': '<two-from@kore-demo.example>' }, 'hi'),
    );
    expect(outcome).toEqual({ kind: 'rejected', reason: 'several-senders' });
  });

  it('refuses a message nested deeper than the parser reads, storing nothing and sending nothing', async () => {
    const before = runtime.outbox.items.length;
    const nested = Array.from({ length: 300 }, (_, i) => `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`).join('');
    const [outcome] = await received(
      Buffer.from(`From: deep@kore-demo.example\r\nSubject: nested\r\nMessage-ID: <deep@kore-demo.example>\r\n${nested}\r\nhi\r\n`),
    );
    expect(outcome).toEqual({ kind: 'rejected', reason: 'unreadable' });
    expect(runtime.outbox.items.length).toBe(before);
  });

  it('takes an out-of-office reply to our acknowledgement for what it is: no message on the case, no answer', async () => {
    const [first] = await received(
      mime({ From: 'hal@kore-demo.example', Subject: 'VPN drops', 'Message-ID': '<ooo-1@kore-demo.example>' }, 'Every hour.'),
    );
    const caseId = first?.caseId as number;
    const ack = mailsTo(caseId)[0];
    const before = runtime.outbox.items.length;
    const [away] = await received(
      mime(
        {
          From: 'hal@kore-demo.example',
          Subject: `Automatic reply: ${ack?.subject}`,
          'Message-ID': '<ooo-2@kore-demo.example>',
          'Auto-Submitted': 'auto-replied',
          ...replyingTo(ack),
        },
        'I am out of the office until Monday.',
      ),
    );
    expect(away).toEqual({ kind: 'rejected', reason: 'auto-reply' });
    expect((await ticket(caseId)).timeline.filter((e) => e.type === 'customer_replied')).toEqual([]);
    expect(runtime.outbox.items.length).toBe(before);
  });

  it('refuses mail without a sender address', async () => {
    const [outcome] = await received(mime({ From: 'John Doe', Subject: 'x', 'Message-ID': '<nobody@kore-demo.example>' }, 'hi'));
    expect(outcome).toEqual({ kind: 'rejected', reason: 'no-sender' });
  });

  it('does not answer a program that writes from an unknown domain', async () => {
    const [outcome] = await received(
      mime({ From: 'news@bulk.example', Subject: 'Our offers', 'Message-ID': '<n-1@bulk.example>', Precedence: 'bulk' }, 'Buy'),
    );
    expect(outcome).toEqual({ kind: 'unknown-sender', domain: 'bulk.example' });
    expect(runtime.outbox.items.filter((i) => i.to === 'news@bulk.example')).toEqual([]);
  });

  it('answers an unknown sender politely and opens nothing', async () => {
    const [outcome] = await received(
      mime({ From: 'someone@elsewhere.example', Subject: 'Hello?', 'Message-ID': '<x-1@elsewhere.example>' }, 'Can you help?'),
    );
    expect(outcome).toEqual({ kind: 'unknown-sender', domain: 'elsewhere.example' });
    const reply = runtime.outbox.items.find((i) => i.to === 'someone@elsewhere.example');
    expect(reply?.text).toContain('could not match someone@elsewhere.example to a customer account');
    expect(reply).toMatchObject({ inReplyTo: '<x-1@elsewhere.example>', references: ['<x-1@elsewhere.example>'] });
    // SES delivering the same message again must not send a second reply.
    const [again] = await received(
      mime({ From: 'someone@elsewhere.example', Subject: 'Hello?', 'Message-ID': '<x-1@elsewhere.example>' }, 'Can you help?'),
    );
    expect(again).toEqual({ kind: 'duplicate' });
    expect(runtime.outbox.items.filter((i) => i.to === 'someone@elsewhere.example')).toHaveLength(1);
  });

  it('still answers an unknown sender whose Message-ID SES would refuse in a header, unthreaded', async () => {
    const messageId = `<${'y'.repeat(900)}@elsewhere.example>`;
    const [outcome] = await received(mime({ From: 'nobody@elsewhere.example', Subject: 'Hi', 'Message-ID': messageId }, 'Hello'));
    expect(outcome).toEqual({ kind: 'unknown-sender', domain: 'elsewhere.example' });
    const reply = runtime.outbox.items.find((i) => i.to === 'nobody@elsewhere.example');
    expect(reply?.subject).toBe('Your e-mail to our support');
    expect(reply?.inReplyTo).toBeUndefined();
    expect(reply?.references).toBeUndefined();
  });

  it('keeps attachments and lists them, and turns HTML-only mail into a readable description', async () => {
    const [withLog] = await received(fixture('attachment-base64.eml'));
    expect((await ticket(withLog?.caseId as number)).attachments).toEqual([
      { filename: 'gateway.log', contentType: 'text/plain', size: 86 },
    ]);
    const [html] = await received(fixture('html-only.eml'));
    const t = await ticket(html?.caseId as number);
    expect(t).toMatchObject({ org: 'netcor-demo', severity: 'medium' });
    expect(t.description).toContain('Since the update to 5.2 the dashboard shows no data.');
    expect(mailsTo(t.caseId)[0]?.text).toContain('please reply with: softwareVersion, systemDetails');
  });
});

describe('e-mail while the Scheduler is down', () => {
  it('still acknowledges a new ticket: the mail consumer reads the stream on its own, as on AWS', async () => {
    const { runtime, call } = await mailRuntime('mail-no-scheduler', {
      wrap: (service, client) =>
        service === 'scheduler'
          ? ({
              send: async () => {
                throw new Error('Scheduler unavailable');
              },
            } as unknown as typeof client)
          : client,
    });
    const org = { id: 'kore-demo', name: 'KORE demo', policy: 'kore', tier: 'premium', region: 'us', emailDomains: ['kore-demo.example'] };
    expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
    const [outcome] = (await runtime.receiveMail(fixture('multipart-alternative-qp-umlauts.eml'))) as Array<{ caseId?: number }>;
    const caseId = outcome?.caseId as number;
    expect(runtime.pendingSchedules).toBe(0);
    expect(runtime.outbox.items.filter((i) => i.caseId === caseId && i.role === 'requester').map((i) => i.subject)).toEqual([
      `[#${caseId}] Your request: [urgent] Aktivierung schlägt fehl`,
    ]);
  });
});
