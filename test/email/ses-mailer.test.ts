import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import type { OutboundMail } from '#shared/email/ports.ts';
import { SesMailer } from '../../functions/adapters/ses-mailer.ts';
import { simpleEmail, utf8 } from '../support/ses-email.ts';

/** Sends one mail through a fake client and returns the command's input. */
async function sent(mail: OutboundMail): Promise<SendEmailCommandInput> {
  const commands: unknown[] = [];
  await new SesMailer({ send: async (command: unknown) => commands.push(command) } as never, 'support@support.example').send(mail);
  expect(commands).toHaveLength(1);
  expect(commands[0]).toBeInstanceOf(SendEmailCommand);
  return (commands[0] as SendEmailCommand).input;
}

const mail: OutboundMail = {
  to: 'anna@kore-demo.example',
  subject: '[#10001] Aktivierung schlägt fehl',
  text: 'Wir sind dran.',
  inReplyTo: '<case-10001@support.example>',
  references: ['<case-10001@support.example>'],
  caseId: 10001,
};

describe('SesMailer', () => {
  it('sends simple UTF-8 content with the threading headers and the case id, leaving the Message-ID to SES', async () => {
    expect(await sent(mail)).toEqual(
      simpleEmail({
        from: 'support@support.example',
        to: 'anna@kore-demo.example',
        subject: '[#10001] Aktivierung schlägt fehl',
        text: 'Wir sind dran.',
        headers: [
          { Name: 'In-Reply-To', Value: '<case-10001@support.example>' },
          { Name: 'References', Value: '<case-10001@support.example>' },
          { Name: 'X-Case-Id', Value: '10001' },
        ],
      }),
    );
  });

  it('joins References with single spaces', async () => {
    const input = await sent({ ...mail, references: ['<a@x.example>', '<b@x.example>'] });
    expect(input.Content?.Simple?.Headers).toContainEqual({ Name: 'References', Value: '<a@x.example> <b@x.example>' });
  });

  it('leaves out a customer’s Message-ID that SES would refuse in a header (too long, CR/LF), rather than fail the send', async () => {
    const long = `<${'a'.repeat(870)}@x.example>`;
    const folded = '<b@x.example>\r\nBcc: someone@x.example';
    const input = await sent({ to: 'carol@x.example', subject: 'Re: Hi', text: 'Hello', inReplyTo: long, references: [long, folded] });
    expect(input.Content?.Simple?.Headers).toBeUndefined();
    const kept = await sent({ ...mail, inReplyTo: folded, references: ['<case-10001@support.example>', long, '<c@x.example>'] });
    expect(kept.Content?.Simple?.Headers).toEqual([
      { Name: 'References', Value: '<case-10001@support.example> <c@x.example>' },
      { Name: 'X-Case-Id', Value: '10001' },
    ]);
  });

  it('keeps References within SES’s 870 characters by leaving out the ids that would not fit', async () => {
    const id = (n: number) => `<${String(n).padStart(400, '0')}@x.example>`;
    const value = (await sent({ ...mail, references: [id(1), id(2), id(3)] })).Content?.Simple?.Headers?.find(
      (h) => h.Name === 'References',
    )?.Value;
    expect(value).toBe(`${id(1)} ${id(2)}`);
    expect(value?.length).toBeLessThanOrEqual(870);
  });

  it('puts the subject on one line, whatever line breaks a customer’s subject carried', async () => {
    const input = await sent({ ...mail, subject: '[#10001] a\r\nBcc: x@y.example\n ' });
    expect(input.Content?.Simple?.Subject).toEqual(utf8('[#10001] a Bcc: x@y.example'));
  });

  it('marks automatic mail with Auto-Submitted, so auto-responders do not answer it', async () => {
    expect((await sent({ ...mail, automatic: true })).Content?.Simple?.Headers).toContainEqual({
      Name: 'Auto-Submitted',
      Value: 'auto-replied',
    });
    expect(JSON.stringify(await sent(mail))).not.toContain('Auto-Submitted');
  });
});
