import { describe, expect, it } from 'vitest';
import { acknowledgement, agentMessage, unknownSenderReply } from '#shared/email/outbound-mail.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket } from '#shared/tickets/ticket.ts';

describe('unknownSenderReply', () => {
  it('threads to the sender’s Message-ID when the mail has one', () => {
    expect(unknownSenderReply('x@elsewhere.example', '<x-1@elsewhere.example>')).toMatchObject({
      inReplyTo: '<x-1@elsewhere.example>',
      references: ['<x-1@elsewhere.example>'],
    });
    expect(unknownSenderReply('x@elsewhere.example', undefined)).toMatchObject({ inReplyTo: undefined, references: [] });
  });

  it('never repeats what the sender wrote: a forged sender must not get our mail with someone else’s words', () => {
    const reply = unknownSenderReply('x@elsewhere.example', undefined);
    expect(reply.subject).toBe('Your e-mail to our support');
    expect(reply.text).not.toMatch(/Hello\?|https?:/);
  });
});

describe('automatic mail', () => {
  it('marks acknowledgements and courtesy replies as automatic, and an agent’s message as written by a person', () => {
    const kore = loadPreset('kore');
    const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'premium', region: 'us' }, kore, 0);
    const { ticket } = openTicket(
      10001,
      org,
      kore,
      { subject: 'API down', description: 'd', severity: 'urgent' },
      { kind: 'customer', id: 'anna@acme.example' },
      Date.parse('2026-03-02T14:00:00Z'),
      { channel: 'email', requesterEmail: 'anna@acme.example', attachments: [] },
    );
    expect(acknowledgement(ticket, kore, 'support.example')?.automatic).toBe(true);
    expect(unknownSenderReply('x@elsewhere.example', undefined).automatic).toBe(true);
    expect(agentMessage(ticket, 'On it.', 'support.example')?.automatic).toBeUndefined();
  });
});
