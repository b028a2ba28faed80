import { beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../web/src/lib/countdown.ts';
import { formatInstant } from '../../web/src/lib/format.ts';
import {
  conversationOf,
  customerPromises,
  type DeadlineLike,
  escalationDraftProblems,
  escalationOutcome,
  escalationRefusal,
  promiseOf,
  promiseText,
} from '../../web/src/lib/portal.ts';
import { apiHarness, ORGS } from '../api/api-harness.ts';
import { as } from '../support/api-events.ts';

const HOUR = 3_600_000;
/** A clock on an open calendar with the default thresholds, 1 hour of a 4-hour target used. */
const running = { open: true, stopped: false, basis: 'calendar', zone: 'UTC', warning: 0.75, danger: 0.9 } as const;
const clock: Clock = { asOf: '2026-03-02T14:00:00.000Z', target: 4 * HOUR, used: HOUR, left: 3 * HOUR, ...running };

const deadline = (d: Partial<DeadlineLike> & Pick<DeadlineLike, 'id' | 'kind'>): DeadlineLike => ({
  due: '2026-03-02T17:00:00.000Z',
  state: 'pending',
  ...d,
});

describe('the promises a customer sees', () => {
  it('says when the response is due, with its clock, and never speaks of escalation steps', () => {
    expect(promiseOf(deadline({ id: 'response', kind: 'response', clock }))).toEqual({
      kind: 'response',
      state: 'pending',
      label: 'Response due by',
      at: '2026-03-02T17:00:00.000Z',
      clock,
    });
    expect(promiseOf(deadline({ id: 'escalation.1', kind: 'escalation', clock }))).toBeUndefined();
    expect(promiseOf(deadline({ id: 'update.1', kind: 'update', state: 'cancelled' }))).toBeUndefined();
    expect(promiseOf(deadline({ id: 'update.1', kind: 'update', due: null }))).toBeUndefined();
  });

  it('tells a kept promise from an overdue one, and stops the clock of a kept one', () => {
    const answered = deadline({ id: 'response', kind: 'response', state: 'met', settledAt: '2026-03-02T15:10:00.000Z' });
    expect(promiseOf(answered)).toEqual({ kind: 'response', state: 'met', label: 'Answered', at: '2026-03-02T15:10:00.000Z' });
    const late = deadline({ id: 'response', kind: 'response', state: 'breached', settledAt: '2026-03-02T18:00:00.000Z', clock });
    expect(promiseOf(late)).toEqual({ kind: 'response', state: 'breached', label: 'Answered (late)', at: '2026-03-02T18:00:00.000Z' });
    const overdue = deadline({ id: 'update.2', kind: 'update', state: 'breached', clock });
    expect(promiseOf(overdue)).toMatchObject({ label: 'Update overdue since', at: '2026-03-02T17:00:00.000Z', clock });
  });

  it('picks the response and the next update still to come (an overdue one first), leaving the ladder out', () => {
    const promises = customerPromises([
      deadline({ id: 'response', kind: 'response', state: 'met', settledAt: '2026-03-02T15:00:00.000Z' }),
      deadline({ id: 'escalation.1', kind: 'escalation', due: '2026-03-02T16:00:00.000Z' }),
      deadline({ id: 'update.2', kind: 'update', due: '2026-03-02T21:00:00.000Z' }),
      deadline({ id: 'update.1', kind: 'update', due: '2026-03-02T19:00:00.000Z' }),
    ]);
    expect(promises.map((p) => [p.label, p.at])).toEqual([
      ['Answered', '2026-03-02T15:00:00.000Z'],
      ['Next update by', '2026-03-02T19:00:00.000Z'],
    ]);
    const overdue = customerPromises([
      deadline({ id: 'update.1', kind: 'update', state: 'breached', due: '2026-03-02T19:00:00.000Z' }),
      deadline({ id: 'update.2', kind: 'update', due: '2026-03-02T18:00:00.000Z' }),
    ]);
    expect(overdue.map((p) => p.label)).toEqual(['Update overdue since']);
  });

  it('writes the time in the customer’s zone and names it', () => {
    const promise = promiseOf(deadline({ id: 'update.1', kind: 'update' }));
    expect(promise && promiseText(promise, 'America/New_York', 'en-US')).toBe(
      'Next update by Mon, Mar 2, 2026, 12:00 EST (America/New_York)',
    );
  });
});

describe('the conversation a customer sees', () => {
  it('leaves out the ladder’s pages, which the API shows a customer by their deadline only', () => {
    const entries = [
      { seq: 1, type: 'created' },
      { seq: 2, type: 'notified', detail: { deadline: 'escalation.urgent.1' } },
      { seq: 3, type: 'responded', body: 'On it.' },
      { seq: 4, type: 'escalated', body: 'Still down' },
    ];
    expect(conversationOf(entries).map((e) => e.seq)).toEqual([1, 3, 4]);
  });
});

describe('the "Escalate a ticket" box', () => {
  it('takes a case number of digits only, and a reason as the API checks it', () => {
    expect(escalationDraftProblems({ caseId: ' 10042 ', reason: 'no answer' }, true)).toEqual([]);
    expect(escalationDraftProblems({ caseId: '', reason: 'x' }, true)).toEqual([{ path: 'caseId', message: 'enter the case number' }]);
    for (const caseId of ['10042a', '-1', '1e3', '10 042', '１２'])
      expect(escalationDraftProblems({ caseId, reason: 'x' }, true).map((p) => p.path)).toEqual(['caseId']);
    expect(escalationDraftProblems({ caseId: '1', reason: '  ' }, true)).toEqual([{ path: 'reason', message: 'must not be empty' }]);
    expect(escalationDraftProblems({ caseId: 'ignored on a ticket page', reason: 'x' }, false)).toEqual([]);
  });

  it('puts "not found" next to the case number and leaves the API’s other answers as they are', () => {
    expect(escalationRefusal(404, [])).toEqual([{ path: 'caseId', message: 'no such ticket in your organisation' }]);
    expect(escalationRefusal(400, [{ path: 'reason', message: 'must not be empty' }])).toEqual([
      { path: 'reason', message: 'must not be empty' },
    ]);
    expect(escalationRefusal(409, [])).toEqual([]);
  });
});

describe('escalating by case number against the API', () => {
  let api: Awaited<ReturnType<typeof apiHarness>>;
  let kidzonetCase: number;
  let koreCase: number;
  const open = async (org: { id: string }, severity: string) => {
    const answer = await api.call<{ caseId: number }>('POST', '/tickets', {
      claims: as.customer(org.id),
      body: { subject: 'Help', description: 'Broken', severity },
    });
    expect(answer.status).toBe(201);
    return answer.body.caseId;
  };
  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00Z');
    kidzonetCase = await open(ORGS.kidzonet, 'major');
    koreCase = await open(ORGS.kore, 'high');
  });

  it('says in words that a Kidzonet case was escalated (201), then that a repeat joined it (202)', async () => {
    const escalate = (reason: string) =>
      api.call<{ joined?: { escalatedAt: string; until: string } }>('POST', `/tickets/${kidzonetCase}/escalate`, {
        claims: as.customer(ORGS.kidzonet.id),
        body: { reason },
      });
    const first = await escalate('no answer yet');
    expect(first.status).toBe(201);
    expect(escalationOutcome(kidzonetCase, first.body.joined)).toBe(
      `Case ${kidzonetCase} is escalated: the support team has been alerted and will come back to you.`,
    );
    const again = await escalate('still nothing');
    expect(again.status).toBe(202);
    // The coalescing window Kidzonet gets by default (30 minutes), from the first escalation.
    expect(again.body.joined).toMatchObject({ escalatedAt: '2026-03-02T14:00:00.000Z', until: '2026-03-02T14:30:00.000Z' });
    expect(escalationOutcome(kidzonetCase, again.body.joined, 'UTC')).toBe(
      `Case ${kidzonetCase} was already escalated at ${formatInstant('2026-03-02T14:00:00.000Z', 'UTC')}; your request was added to that escalation (the team is already alerted; asking again after ${formatInstant('2026-03-02T14:30:00.000Z', 'UTC')} alerts them anew).`,
    );
  });

  it('answers another organisation’s case as not found, which the box shows next to the case number', async () => {
    const answer = await api.call<{ errors?: [] }>('POST', `/tickets/${kidzonetCase}/escalate`, {
      claims: as.customer(ORGS.kore.id),
      body: { reason: 'let me in' },
    });
    expect(answer.status).toBe(404);
    expect(escalationRefusal(answer.status, answer.body.errors ?? [])).toEqual([
      { path: 'caseId', message: 'no such ticket in your organisation' },
    ]);
  });

  it('shows the policy’s rule beside the form when the policy offers no escalation to customers (409)', async () => {
    const answer = await api.call<{ detail: string; errors?: [] }>('POST', `/tickets/${koreCase}/escalate`, {
      claims: as.customer(ORGS.kore.id),
      body: { reason: 'urgent' },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.detail).toBe('the kore policy offers no escalation on demand by customers');
    expect(escalationRefusal(answer.status, answer.body.errors ?? [])).toEqual([]);
  });
});
