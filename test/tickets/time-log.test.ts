import { describe, expect, it } from 'vitest';
import type { TimeEntryRevision } from '#shared/billing/time-entry.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket } from '#shared/tickets/ticket.ts';
import { correctTime, logTime, TIME_LIMITS, timeEntryId } from '#shared/tickets/time-log.ts';

const tiered = loadPreset('tiered');
const OPENED = Date.parse('2027-01-04T09:00:00Z');
const agent = { kind: 'staff', id: 'agent-1' } as const;
const org = defineOrg('gold-org', { name: 'Gold', policy: 'tiered', tier: 'gold' }, tiered, OPENED);
const { ticket } = openTicket(10_001, org, tiered, { subject: 'Export', description: 'fails', severity: 'normal' }, agent, OPENED);

const revision = (n: number, rev = 1): TimeEntryRevision => ({
  entry: timeEntryId(10_001, n),
  rev,
  caseId: 10_001,
  org: 'gold-org',
  tier: 'gold',
  minutes: 1,
  billable: true,
  at: OPENED,
  recordedAt: OPENED,
  by: 'agent-1',
});

describe('time log limits', () => {
  it(`takes ${TIME_LIMITS.entriesPerTicket} entries on a ticket, and refuses the next with a conflict`, () => {
    const full = Array.from({ length: TIME_LIMITS.entriesPerTicket - 1 }, (_, i) => revision(i + 1));
    expect(logTime(ticket, tiered, full, { minutes: 5 }, agent, OPENED + 1).revisions[0]?.entry).toBe('10001-500');
    const over = [...full, revision(TIME_LIMITS.entriesPerTicket)];
    expect(() => logTime(ticket, tiered, over, { minutes: 5 }, agent, OPENED + 1)).toThrow(/500 time entries/);
  });

  it(`takes ${TIME_LIMITS.revisionsPerEntry} revisions of an entry, then asks for a new entry`, () => {
    const revisions = Array.from({ length: TIME_LIMITS.revisionsPerEntry }, (_, i) => revision(1, i + 1));
    expect(() => correctTime(ticket, tiered, revisions, '10001-001', { minutes: 9 }, agent, OPENED + 1)).toThrow(/log a new one/);
    expect(correctTime(ticket, tiered, revisions.slice(0, -1), '10001-001', { minutes: 9 }, agent, OPENED + 1).revisions[0]?.rev).toBe(
      TIME_LIMITS.revisionsPerEntry,
    );
  });
});
