import { beforeAll, describe, expect, it } from 'vitest';
import { MAIL_LIMITS } from '#shared/email/inbound-mail.ts';
import { parseMail, withoutStyleSheets } from '../../functions/inbound-email/parse-mail.ts';
import type { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, type caller } from '../support/api-events.ts';
import { mailRuntime } from '../support/mail-runtime.ts';

const headers = (more: Record<string, string>) =>
  Object.entries({ From: 'anna@kore-demo.example', To: 'support@sla-escalator.local', 'MIME-Version': '1.0', ...more })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
const htmlMail = (html: string) =>
  Buffer.from(`${headers({ Subject: 'html', 'Content-Type': 'text/html; charset=utf-8' })}\r\n\r\n${html}\r\n`);
const textMail = (subject: string, body: string, more: Record<string, string> = {}) =>
  Buffer.from(`${headers({ Subject: subject, 'Content-Type': 'text/plain; charset=utf-8', ...more })}\r\n\r\n${body}\r\n`);
const withAttachments = (files: Array<{ name: string; bytes: number }>) =>
  Buffer.from(
    [
      headers({ Subject: 'Logs', 'Message-ID': '<att@kore-demo.example>', 'Content-Type': 'multipart/mixed; boundary=b' }),
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Logs attached.',
      ...files.flatMap((file) => [
        '--b',
        `Content-Type: application/octet-stream; name="${file.name}"`,
        `Content-Disposition: attachment; filename="${file.name}"`,
        'Content-Transfer-Encoding: base64',
        '',
        (
          Buffer.alloc(file.bytes, 'a')
            .toString('base64')
            .match(/.{1,76}/g) ?? []
        ).join('\r\n'),
      ]),
      '--b--',
      '',
    ].join('\r\n'),
  );

describe('style sheets in HTML mail', () => {
  it('go, in any case and with blanks before the closing >; an unclosed one and look-alike tags stay', () => {
    expect(withoutStyleSheets('a<STYLE type="x">p{}</style >b<style>q{}</Style>c')).toBe('abc');
    expect(withoutStyleSheets('a<styles>b</styles>c<style>d')).toBe('a<styles>b</styles>c<style>d');
  });

  it('are removed in one pass over 1 MB of unclosed <style> tags: each < is looked at once', () => {
    const html = `<p>hi</p>${'<style>a{}'.repeat(100_000)}`;
    let looked = 0;
    const out = withoutStyleSheets(html, () => looked++);
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(out).toBe(html);
    expect(looked).toBe(html.split('<').length - 1);
  });

  it('leave a 1 MB HTML mail of many <style> blocks readable, its text cut to the limit (this took over 30 s)', async () => {
    const html = `<p>Disk full</p>${'<style>b{}</style><p>row</p>'.repeat(2_000)}${'<style>a{}'.repeat(95_000)}`;
    const mail = await parseMail(htmlMail(html));
    expect(html.length).toBeGreaterThan(1_000_000);
    expect(mail.text.startsWith('Disk full\n\nrow\n\nrow')).toBe(true);
    expect(mail.text).not.toContain('b{}');
    expect(mail.text.length).toBeLessThanOrEqual(MAIL_LIMITS.text);
    expect(mail.cut).toBe(true);
  });

  it('turn a long run of encoded spaces into text without rescanning it (trailing blanks, this took over 30 s)', async () => {
    const mail = await parseMail(htmlMail(`<p>${'&#32;'.repeat(190_000)}x</p><p>y &#9;&#32;</p>`));
    expect(mail.text).toBe('x\n\ny');
  });
});

describe('many attachments', () => {
  it('are named as skipped up to a count, then counted, so no list outgrows an item', async () => {
    const mail = await parseMail(withAttachments(Array.from({ length: 45 }, (_, i) => ({ name: `f${i + 1}.txt`, bytes: 10 }))));
    expect(mail.attachments).toHaveLength(MAIL_LIMITS.attachments);
    expect(mail.skipped).toEqual([...Array.from({ length: 20 }, (_, i) => `f${i + 21}.txt (10 bytes)`), '5 more']);
  });

  it('and a Message-ID longer than a mail line is no id (SES’s id stands in for it)', async () => {
    const mail = await parseMail(textMail('x', 'y', { 'Message-ID': `<${'z'.repeat(2_000)}@kore-demo.example>` }));
    expect(mail.messageId).toBe('');
  });
});

describe('big mail on the local stack', () => {
  let runtime: LocalRuntime;
  let call: ReturnType<typeof caller>;
  type Ticket = {
    subject: string;
    description: string;
    attachments?: Array<{ filename: string; size: number }>;
    timeline: Array<{ type: string; body?: string }>;
  };
  const received = async (raw: Buffer) => ((await runtime.receiveMail(raw)) as Array<{ kind: string; caseId?: number }>)[0];
  const ticket = async (caseId: number) => (await call<Ticket>('GET', `/tickets/${caseId}`, { claims: as.agent() })).body;

  beforeAll(async () => {
    ({ runtime, call } = await mailRuntime('big-mail'));
    const org = { id: 'kore-demo', name: 'KORE', policy: 'kore', tier: 'premium', region: 'us', emailDomains: ['kore-demo.example'] };
    expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
  });

  it('turns a 450 KB body into a ticket with an acknowledgement, its text shortened and the full mail linked', async () => {
    const raw = textMail('Huge log', `Start of the log.\n${'0123456789 abcdefghij\n'.repeat(21_000)}`, {
      'Message-ID': '<big@kore-demo.example>',
    });
    expect(raw.length).toBeGreaterThan(450_000);
    const outcome = await received(raw);
    expect(outcome?.kind).toBe('ticket');
    const t = await ticket(outcome?.caseId as number);
    expect(t.description.length).toBeLessThanOrEqual(MAIL_LIMITS.text);
    expect(t.description.startsWith('Start of the log.')).toBe(true);
    expect(t.description).toMatch(/\[Shortened; the full e-mail is kept as inbound\/[\w-]+\.\]$/);
    expect(t.attachments).toEqual([{ filename: 'original-message.eml', contentType: 'message/rfc822', size: raw.length }]);
    const acks = runtime.outbox.items.filter((i) => i.caseId === outcome?.caseId && i.role === 'requester');
    expect(acks.map((m) => m.subject)).toEqual([`[#${outcome?.caseId}] Your request: Huge log`]);
  });

  it('shortens a 450 KB reply and a 1,000-character subject to the API’s limits', async () => {
    const first = await received(textMail('x'.repeat(1_000), 'Short.', { 'Message-ID': '<long-subject@kore-demo.example>' }));
    const caseId = first?.caseId as number;
    expect((await ticket(caseId)).subject).toBe('x'.repeat(MAIL_LIMITS.subject));
    const reply = await received(textMail(`Re: [#${caseId}]`, 'y'.repeat(450_000), { 'Message-ID': '<big-reply@kore-demo.example>' }));
    expect(reply).toEqual({ kind: 'message', caseId });
    const [body] = (await ticket(caseId)).timeline.filter((e) => e.type === 'customer_replied').map((e) => e.body ?? '');
    expect(body?.length).toBeLessThanOrEqual(MAIL_LIMITS.text);
    expect(body).toContain('[Shortened; the full e-mail is kept as inbound/');
  });

  it('keeps at most 20 attachments of at most 10 MiB each; the others are named on the ticket, which links the full mail', async () => {
    const files = [
      ...Array.from({ length: 24 }, (_, i) => ({ name: `log-${i + 1}.txt`, bytes: 100 })),
      { name: 'core.dump', bytes: MAIL_LIMITS.attachmentBytes + 1 },
    ];
    const outcome = await received(withAttachments(files));
    expect(outcome?.kind).toBe('ticket');
    const t = await ticket(outcome?.caseId as number);
    expect(t.attachments?.map((a) => a.filename)).toEqual([...files.slice(0, 20).map((f) => f.name), 'original-message.eml']);
    expect(t.description).toContain(
      `[Attachments not kept (the full e-mail has them): log-21.txt (100 bytes), log-22.txt (100 bytes), log-23.txt (100 bytes), log-24.txt (100 bytes), core.dump (${MAIL_LIMITS.attachmentBytes + 1} bytes).]`,
    );
  });
});
