/** The contracts function's reminder: it re-reads the notice and reminds only of a published notice's current start. */

import { describe, expect, it } from 'vitest';
import { changeNotice, type Notice, publishNotice } from '#shared/notices/notice.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { type ContractsDeps, createContractsHandler } from '../../functions/contracts/handler.ts';
import { remindOfNotice } from '../../functions/contracts/notice-reminder.ts';

const NOW = Date.parse('2027-03-01T10:00:00Z');
const START = NOW + 6 * DAY_MS;
const published = publishNotice(
  'n-0123456789abcdef0123',
  { title: 'Core router upgrade', body: 'SMS may pause.', kind: 'planned', start: START, end: START + 2 * HOUR_MS },
  'agent',
  NOW,
  5 * DAY_MS,
);

function deps(notice: Notice | undefined) {
  const queued: Notice[] = [];
  return {
    queued,
    notices: {
      notices: {
        getNotice: async (id: string) => (id === notice?.id ? notice : undefined),
        queueReminder: async (reminded: Notice) => void queued.push(reminded),
      },
    },
  };
}

describe('the notice reminder', () => {
  const input = { kind: 'notice-reminder', notice: published.id, start: START } as const;

  it('leaves the reminder of a published notice’s current start for the fan-out to mail', async () => {
    const { queued, notices } = deps(published);
    expect(await remindOfNotice(input, notices)).toBe('reminded');
    expect(queued).toEqual([published]);
  });

  it('does nothing for a moved notice (a stale schedule), a cancelled one, or one that is gone', async () => {
    const moved = changeNotice(published, { start: START + DAY_MS, end: START + DAY_MS + HOUR_MS }, 'agent', NOW, 5 * DAY_MS).notice;
    const cancelled = changeNotice(published, { state: 'cancelled' }, 'agent', NOW, 0).notice;
    for (const [notice, outcome] of [
      [moved, 'moved'],
      [cancelled, 'cancelled'],
      [undefined, 'not-found'],
    ] as const) {
      const { queued, notices } = deps(notice);
      expect(await remindOfNotice(input, notices)).toBe(outcome);
      expect(queued).toEqual([]);
    }
  });

  it('the handler dispatches on the event’s kind and refuses an event it does not know', async () => {
    const { queued, notices } = deps(published);
    // A notice reminder never touches the tier reviews' dependencies.
    const untouched = new Proxy({} as ContractsDeps['tierReviews'], {
      get: () => {
        throw new Error('a notice reminder read the tier reviews');
      },
    });
    const handler = createContractsHandler(() => ({
      notices,
      tierReviews: untouched,
      monthlyReports: untouched as unknown as ContractsDeps['monthlyReports'],
    }));
    expect(await handler(input, { awsRequestId: 't' } as never)).toEqual({ outcome: 'reminded' });
    expect(queued).toHaveLength(1);
    await expect(handler({ kind: 'tier-reviewed', notice: published.id, start: START }, { awsRequestId: 't' } as never)).rejects.toThrow();
    await expect(handler({ ...input, start: 'soon' }, { awsRequestId: 't' } as never)).rejects.toThrow();
  });
});
