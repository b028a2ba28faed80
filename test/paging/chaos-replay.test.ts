import { describe, expect, it } from 'vitest';
import { loadPolicyVersion } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, postMessage, recordNotified, type Ticket, updateTicket } from '#shared/tickets/ticket.ts';
import { compare, expectedDeliveries, latestDelivery } from '../support/chaos-oracle.ts';

// The chaos run's judge: what the pure engine expects of one ticket, and how it is compared with the outbox.
// KORE's first version: no re-pages share the response's minute, so each case isolates one step.
const kore = loadPolicyVersion('kore', 1);
const START = Date.parse('2026-03-02T14:00:00Z');
const MINUTE = 60_000;
const customer = { kind: 'customer' as const, id: 'c' };
const agent = { kind: 'staff' as const, id: 'a' };
const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'diamond', region: 'us' }, kore, START);
const HORIZON = START + 2 * 60 * MINUTE;

/** An urgent diamond ticket: its first escalation fires at once; the response (page tier2, tell the manager) is due 15 minutes later. */
function urgentTicket(): Ticket {
  const opened = openTicket(7, org, kore, { subject: 's', description: 'd', severity: 'urgent' }, customer, START).ticket;
  const first = opened.deadlines.find((d) => d.id === 'escalation.urgent.1');
  if (first === undefined) throw new Error('no first escalation');
  return recordNotified(opened, kore, first, [{ role: 'manager', channels: ['sms', 'email'] }], START).ticket;
}

const key = (deadline: string, role: string, channel: string) => `7|${deadline}|${role}|${channel}`;
const RESPONSE_KEYS = [[key('response', 'tier2', 'sms'), key('response', 'tier2', 'email')], [key('response', 'manager', 'email')]];

/** The ticket answered at an instant, without the response deadline ever recorded as carried out. */
function answeredAt(at: number) {
  const ticket = postMessage(urgentTicket(), kore, { body: 'on it', public: true }, agent, at).ticket;
  return expectedDeliveries(ticket, kore, HORIZON);
}

function sent(keys: readonly string[]): Map<string, number> {
  return new Map(keys.map((k) => [k, 1]));
}

describe('the chaos replay', () => {
  it('expects every notice of a step that fell due before the ticket was answered', () => {
    const replay = answeredAt(START + 40 * MINUTE);
    expect(replay.keys).toEqual(expect.arrayContaining(RESPONSE_KEYS.flat()));
    expect(replay.interruptible).toEqual([]);
  });

  it('lets an answer at the instant the step falls due hold back its remaining notices', () => {
    const replay = answeredAt(START + 15 * MINUTE);
    expect(replay.keys).not.toContain(key('response', 'tier2', 'sms'));
    expect(replay.interruptible).toContainEqual(RESPONSE_KEYS);
    const others = replay.keys;

    // tier2 paged, then the answer came before notify reached the manager: nothing lost, one notice held back.
    expect(compare([replay], sent([...others, ...(RESPONSE_KEYS[0] as string[])]))).toMatchObject({
      lost: 0,
      unexpected: 0,
      interrupted: 1,
    });
    // Nothing of the step went out (late, then met): nothing lost.
    expect(compare([replay], sent(others))).toMatchObject({ lost: 0, unexpected: 0, interrupted: 0 });
  });

  it('still counts a gap before a notice that went out as lost', () => {
    const replay = answeredAt(START + 15 * MINUTE);
    // The manager was told but tier2 never paged: notify sends in order, so tier2's page was lost.
    const result = compare([replay], sent([...replay.keys, key('response', 'manager', 'email')]));
    expect(result).toMatchObject({ lost: 2, unexpected: 0 });
    expect(result.samples.lost).toEqual(RESPONSE_KEYS[0]);
  });

  describe('a step that falls due shortly before the run ends', () => {
    // The response falls due at 14:15; the run ends 5 minutes later, before notify's retries (1 and 3 minutes on) and the sweeper are done.
    const END = START + 20 * MINUTE;

    it('does not expect its notices yet: notify may still be at it when the run stops', () => {
      const replay = expectedDeliveries(urgentTicket(), kore, END);
      expect(replay.keys).not.toContain(key('response', 'tier2', 'sms'));
      expect(replay.unfinished).toEqual([RESPONSE_KEYS]);
      // Nothing of the step out yet, or tier2 paged and the manager still to come: nothing lost, those notices unfinished.
      expect(compare([replay], sent(replay.keys))).toMatchObject({ lost: 0, unexpected: 0, unfinished: 2 });
      expect(compare([replay], sent([...replay.keys, ...(RESPONSE_KEYS[0] as string[])]))).toMatchObject({
        lost: 0,
        unexpected: 0,
        unfinished: 1,
      });
    });

    it('still counts a gap before a notice that went out as lost', () => {
      const replay = expectedDeliveries(urgentTicket(), kore, END);
      const result = compare([replay], sent([...replay.keys, key('response', 'manager', 'email')]));
      expect(result).toMatchObject({ lost: 2, unexpected: 0, unfinished: 0 });
      expect(result.samples.lost).toEqual(RESPONSE_KEYS[0]);
    });

    it('expects all of it once the run went on longer than notify may take', () => {
      const replay = expectedDeliveries(urgentTicket(), kore, START + 31 * MINUTE);
      expect(replay.keys).toEqual(expect.arrayContaining(RESPONSE_KEYS.flat()));
      expect(replay.unfinished).toEqual([]);
    });

    it('expects all of it when the ticket recorded it as carried out before the end', () => {
      const opened = urgentTicket();
      const response = opened.deadlines.find((d) => d.id === 'response');
      if (response === undefined) throw new Error('no response deadline');
      const deliveries = [
        { role: 'tier2', channels: ['sms', 'email'] },
        { role: 'manager', channels: ['email'] },
      ];
      const replay = expectedDeliveries(recordNotified(opened, kore, response, deliveries, START + 15 * MINUTE).ticket, kore, END);
      expect(replay.keys).toEqual(expect.arrayContaining(RESPONSE_KEYS.flat()));
      expect(replay.unfinished).toEqual([]);
    });
  });

  it('measures a delivery against the plan as it stood then, not after a later severity change', () => {
    const opened = openTicket(8, org, kore, { subject: 's', description: 'd', severity: 'low' }, customer, START).ticket;
    const response = opened.deadlines.find((d) => d.id === 'response');
    if (response?.due == null) throw new Error('no response deadline');
    // Carried out 2 minutes late; raising the severity afterwards moves the response's due time in the plan far earlier.
    const notified = recordNotified(opened, kore, response, [], response.due + 2 * MINUTE).ticket;
    const raised = updateTicket(notified, kore, { severity: 'urgent' }, agent, response.due + 10 * MINUTE).ticket;
    expect(raised.deadlines.find((d) => d.id === 'response')?.due).toBeLessThan(response.due - 60 * MINUTE);
    expect(latestDelivery(raised, kore)).toBe(2 * MINUTE);
  });
});
