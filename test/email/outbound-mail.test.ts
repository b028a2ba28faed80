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

describe('the channel a policy prefers', () => {
  const openedByEmail = (policyId: string, tier: string, severity: string, region?: string) => {
    const policy = loadPreset(policyId);
    const org = defineOrg('acme', { name: 'ACME', policy: policyId, tier, ...(region !== undefined && { region }) }, policy, 0);
    const { ticket } = openTicket(
      10001,
      org,
      policy,
      { subject: 'Filter blocks our school site', description: 'd', severity },
      { kind: 'customer', id: 'anna@acme.example' },
      Date.parse('2026-03-02T14:00:00Z'),
      { channel: 'email', requesterEmail: 'anna@acme.example', attachments: [] },
    );
    return acknowledgement(ticket, policy, 'support.example')?.text.split('\n') ?? [];
  };
  const portal = 'Next time, please open new cases through our support portal: it is the channel we prefer.';
  const updatesOnly = 'E-mail is for updating and following a case once it is open; this one we have opened for you all the same.';

  it('opens a Kidzonet case sent by e-mail, and says new cases belong in the portal and e-mail is for following them', () => {
    expect(openedByEmail('kidzonet', 'standard', 'major').slice(-4)).toEqual([
      'Reply to this e-mail to add to the case; keep [#10001] in the subject.',
      '',
      portal,
      updatesOnly,
    ]);
  });

  it('asks KORE customers to use the portal next time, without restricting what e-mail is for', () => {
    const lines = openedByEmail('kore', 'premium', 'high', 'us');
    expect(lines.slice(-2)).toEqual(['', portal]);
    expect(lines).not.toContain(updatesOnly);
  });

  it('adds nothing for netcor, which prefers e-mail, nor for a policy that names no channel', () => {
    for (const lines of [openedByEmail('netcor', 'standard', 'medium'), openedByEmail('tiered', 'gold', 'normal')]) {
      expect(lines.at(-1)).toBe('Reply to this e-mail to add to the case; keep [#10001] in the subject.');
    }
  });
});
