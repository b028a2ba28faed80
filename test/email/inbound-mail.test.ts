import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  automaticMail,
  newTextOfReply,
  rejectionOf,
  senderDomain,
  severityOfMail,
  unverifiedReason,
  type Verdicts,
} from '#shared/email/inbound-mail.ts';
import { caseIdInSubject } from '#shared/email/threading.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { parseMail } from '../../functions/inbound-email/parse-mail.ts';

const fixture = (name: string) => parseMail(readFileSync(join(import.meta.dirname, '../fixtures/mail', name)));

describe('parsing real MIME', () => {
  it('decodes an RFC 2047 subject with umlauts and a quoted-printable multipart/alternative body', async () => {
    const mail = await fixture('multipart-alternative-qp-umlauts.eml');
    expect(mail.from).toEqual({ address: 'anna@kore-demo.example', name: 'Anna Müller' });
    expect(mail.subject).toBe('[urgent] Aktivierung schlägt fehl');
    expect(mail.text).toBe('Seit 09:00 UTC schlägt jede SIM-Aktivierung fehl (Fehler 503).\nBetroffen sind alle Geräte in München.');
    expect(mail.messageId).toBe('<new-1@kore-demo.example>');
  });

  it('turns an HTML-only message into readable text', async () => {
    const mail = await fixture('html-only.eml');
    expect(mail.text).toBe(
      'Dashboard empty\n\nSince the update to 5.2 the dashboard shows no data.\n\n* Browser: Firefox\n* Cluster: prod-2',
    );
  });

  it('reads windows-1252 bytes in mail labelled iso-8859-1 as the euro sign and typographic quotes', async () => {
    const mail = await fixture('latin1-labelled-windows-1252.eml');
    expect(mail.from).toEqual({ address: 'juergen@kore-demo.example', name: 'Jürgen Müller' });
    expect(mail.subject).toBe('Rechnung über 120 € “doppelt”');
    expect(mail.text).toBe('Die Rechnung „März“ wurde zweimal abgebucht: 2 – 120 €.');
  });

  it('decodes ISO-2022-JP headers and body', async () => {
    const mail = await fixture('iso-2022-jp.eml');
    expect(mail.from).toEqual({ address: 'yamada@kore-demo.example', name: '山田 太郎' });
    expect(mail.subject).toBe('ログインできません');
    expect(mail.text).toBe('お世話になっております。\n本日9時からログインできません。');
  });

  it('reads the HTML when the plain alternative is empty, without the style sheet of its body', async () => {
    const raw = [
      'From: ops@netcor-demo.example',
      'Subject: x',
      'Content-Type: multipart/alternative; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      ' ',
      '--b',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<body><style>p { color: red }</style><p>Disk full on db-1</p></body>',
      '--b--',
      '',
    ].join('\r\n');
    expect((await parseMail(Buffer.from(raw))).text).toBe('Disk full on db-1');
  });

  it('reads every Message-ID of References and In-Reply-To, with or without spaces or comments', async () => {
    const raw =
      'From: a@kore-demo.example\r\nSubject: x\r\nIn-Reply-To: <p@x.example> (Anna)\r\nReferences: <a@x.example><case-5@support.example>\r\n\r\nhi\r\n';
    const mail = await parseMail(Buffer.from(raw));
    expect(mail.inReplyTo).toBe('<p@x.example>');
    expect(mail.references).toEqual(['<a@x.example>', '<case-5@support.example>']);
  });

  it('takes the sender from a group address', async () => {
    const mail = await parseMail(
      Buffer.from('From: Ops: Anna <ANNA@kore-demo.example>, bob@kore-demo.example;\r\nSubject: x\r\n\r\nHi\r\n'),
    );
    expect(mail.from).toEqual({ address: 'anna@kore-demo.example', name: 'Anna' });
    expect(mail.fromMailboxes).toBe(2);
  });

  it('counts the mailboxes of every From header', async () => {
    const twice = await parseMail(Buffer.from('From: a@kore-demo.example\r\nFrom: b@x.example\r\nSubject: x\r\n\r\nHi\r\n'));
    const once = await parseMail(Buffer.from('From: "A, B" <a@kore-demo.example>\r\nSubject: x\r\n\r\nHi\r\n'));
    expect([twice.fromMailboxes, once.fromMailboxes]).toEqual([2, 1]);
  });

  it('decodes a base64 attachment and lists it', async () => {
    const mail = await fixture('attachment-base64.eml');
    expect(mail.text).toBe('Timeouts on every request since 14:00. Log attached.');
    expect(mail.attachments).toEqual([{ filename: 'gateway.log', contentType: 'text/plain', size: 86 }]);
    expect(mail.attachmentContents[0]?.content.toString('utf8')).toContain('gateway timeout');
  });

  it('reads the threading headers of a reply', async () => {
    const mail = await fixture('reply-quoted-history.eml');
    expect(mail.inReplyTo).toBe('<ack-10001.1@sla-escalator.example>');
    expect(mail.references).toEqual(['<ack-10001.1@sla-escalator.example>']);
    expect(caseIdInSubject(mail.subject)).toBe(10_001);
  });
});

describe('what is new in a reply', () => {
  it('cuts the signature and the quoted history', async () => {
    expect(newTextOfReply((await fixture('reply-quoted-history.eml')).text)).toBe('It is failing again since 14:50, same error.\n\nAnna');
  });

  it('cuts an Outlook-style original message', async () => {
    expect(newTextOfReply((await fixture('reply-outlook-style.eml')).text)).toBe('Fixed on our side, thanks!');
  });

  it('leaves interleaved answers but drops the quoted lines between them', () => {
    expect(newTextOfReply('> Is it prod?\nYes, prod-2.\n> Since when?\nSince 14:00.')).toBe('Yes, prod-2.\nSince 14:00.');
  });

  it('keeps a forwarded message whole (it is the content of a new ticket, not history)', async () => {
    const mail = await fixture('forwarded.eml');
    expect(mail.text).toContain('API availability dropped to 62%');
  });
});

describe('refusing mail', () => {
  const pass: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
  it.each([
    [{ ...pass, virus: 'FAIL' }, 'virus'],
    [{ ...pass, spam: 'FAIL' }, 'spam'],
    [{ ...pass, dmarc: 'FAIL', dmarcPolicy: 'reject' }, 'dmarc'],
    [{ ...pass, dmarc: 'FAIL', dmarcPolicy: 'quarantine' }, 'dmarc'],
  ] as Array<[Verdicts, string]>)('refuses %j as %s', (verdicts, reason) => {
    expect(rejectionOf(verdicts, 1_000, 40_000_000)).toBe(reason);
  });

  it('reads (to hold) a DMARC failure under a "none" policy, failed SPF and DKIM, and a message within the size limit', () => {
    expect(rejectionOf({ ...pass, dmarc: 'FAIL', dmarcPolicy: 'none' }, 1_000, 40_000_000)).toBeUndefined();
    expect(rejectionOf({ ...pass, dmarc: 'GRAY', spf: 'FAIL', dkim: 'FAIL' }, 1_000, 40_000_000)).toBeUndefined();
    expect(rejectionOf(pass, 40_000_000, 40_000_000)).toBeUndefined();
    expect(rejectionOf(pass, 40_000_001, 40_000_000)).toBe('too-large');
  });
});

describe('which mail may act for an organisation', () => {
  const pass: Verdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };
  it('trusts a DMARC PASS, even when one of SPF and DKIM failed (the other one aligned)', () => {
    expect(unverifiedReason(pass)).toBeUndefined();
    expect(unverifiedReason({ ...pass, spf: 'FAIL' })).toBeUndefined();
  });

  it.each([
    [{ ...pass, dmarc: 'GRAY' }, 'DMARC GRAY; SPF PASS, DKIM PASS'],
    [{ ...pass, dmarc: 'FAIL', dmarcPolicy: 'none', dkim: 'FAIL' }, 'DMARC FAIL (p=none); SPF PASS, DKIM FAIL'],
    [{ ...pass, dmarc: 'PROCESSING_FAILED' }, 'DMARC PROCESSING_FAILED; SPF PASS, DKIM PASS'],
    [{ ...pass, dmarc: 'DISABLED' }, 'DMARC DISABLED; SPF PASS, DKIM PASS'],
  ] as Array<[Verdicts, string]>)('holds %j for an agent: %s', (verdicts, reason) => {
    expect(unverifiedReason(verdicts)).toBe(reason);
  });
});

describe('severities from the subject', () => {
  const tagged = parsePolicy(
    `id: acme
version: 1
name: ACME
roles: { tier1: { name: T1 } }
tiers: { gold: {} }
severities:
  urgent: { calendar: 24x7, tiers: { gold: { response: 1h } } }
  normal: { calendar: 24x7, tiers: { gold: { response: 8h } } }
tickets: { subjectTags: { "[urgent]": urgent } }
`,
    'acme.yaml',
  );

  it('takes the severity from a subject tag the policy maps, and removes the tag', () => {
    expect(severityOfMail('[URGENT] Aktivierung schlägt fehl', tagged)).toEqual({
      severity: 'urgent',
      subject: 'Aktivierung schlägt fehl',
    });
  });

  it("falls back to the policy's e-mail severity, then to its least severe one", () => {
    expect(severityOfMail('Dashboard shows no data', loadPreset('netcor'))).toEqual({
      severity: 'medium',
      subject: 'Dashboard shows no data',
    });
    expect(severityOfMail('Question', tagged).severity).toBe('normal');
  });

  it('reads the domain of a sender address, in lower case', () => {
    expect(senderDomain('Anna@Kore-Demo.EXAMPLE')).toBe('kore-demo.example');
  });
});

describe('automatic mail', () => {
  const headers = (h: Record<string, string>) => (name: string) => h[name];

  it('knows an automatic reply: RFC 3834, vacation programs, bounces', () => {
    const replies: Record<string, string>[] = [
      { 'auto-submitted': 'auto-replied' },
      { 'auto-submitted': 'Auto-Replied; owner-email="x@y.example"' },
      { precedence: 'auto_reply' },
      { 'x-autoreply': 'yes' },
      { 'x-autorespond': 'vacation' },
      { 'return-path': '<>' },
    ];
    for (const h of replies) {
      expect(automaticMail(headers(h), 'anna@kore-demo.example'), JSON.stringify(h)).toBe('reply');
    }
    expect(automaticMail(headers({}), 'MAILER-DAEMON@mx.example')).toBe('reply');
  });

  it('tells mail a program sent on its own from mail a person wrote', () => {
    expect(automaticMail(headers({ 'auto-submitted': 'auto-generated' }), 'monitor@kore-demo.example')).toBe('generated');
    expect(automaticMail(headers({ precedence: 'bulk' }), 'news@kore-demo.example')).toBe('generated');
    expect(automaticMail(headers({ precedence: 'list' }), 'list@kore-demo.example')).toBe('generated');
    expect(automaticMail(headers({ 'auto-submitted': 'no' }), 'anna@kore-demo.example')).toBeUndefined();
    expect(automaticMail(headers({}), 'anna@kore-demo.example')).toBeUndefined();
  });
});
