/**
 * Properties of the usage fold over random ledgers: entries logged, corrected, moved and deleted,
 * each revision recorded at a random time after the work (often after its period closed).
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToIncrement } from '#shared/billing/billed-time.ts';
import { parsePeriod, periodBounds } from '#shared/billing/periods.ts';
import { currentEntries, type TimeEntryRevision } from '#shared/billing/time-entry.ts';
import type { UsageStatement } from '#shared/billing/usage-statement.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { DAY_MS } from '#shared/time/duration.ts';
import { billingPolicy, ORG, orgOf, statementOf } from './ledger.ts';

const tiered = loadPreset('tiered');
/** Nearest rounding, roll-over, and a plan whose time is covered. */
const NEAREST = billingPolicy(
  'nearest',
  `
  gold:
    included: { time: 4h, per: month, rollover: { carry: 3h } }
    overage: { rate: { amount: "62.50", currency: EUR }, increment: 20m, rounding: nearest }
  basic: { sla: false, paid: { rate: { amount: "33.33", currency: EUR }, increment: 7m, rounding: nearest } }
  plan: {}
`,
  ['gold', 'plan'],
);

const MONTHS = ['2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];
/**
 * Where late corrections land: work ends with June, a first record comes up to 90 days later and each
 * of three corrections up to 40 days after the one before, so the last revision is recorded by
 * 26 January 2028 and its adjustment is on a statement in this list.
 */
const LATER = ['2027-07', '2027-08', '2027-09', '2027-10', '2027-11', '2027-12', '2028-01'];
const WORK_FROM = Date.UTC(2026, 11, 31, 23);
const WORK_TO = Date.UTC(2027, 5, 30, 22);
const LAST_STATEMENT_END = Date.UTC(2028, 0, 31, 23);
const AFTER_ALL = Date.UTC(2028, 1, 1);

const entryArbitrary = (tiers: readonly string[]) =>
  fc.record({
    tier: fc.constantFrom(...tiers),
    caseId: fc.integer({ min: 1, max: 4 }),
    minutes: fc.integer({ min: 0, max: 24 * 60 }),
    billable: fc.boolean(),
    at: fc.integer({ min: WORK_FROM, max: WORK_TO - 1 }),
    delay: fc.integer({ min: 0, max: 90 * DAY_MS }),
    corrections: fc.array(
      fc.record({
        after: fc.integer({ min: 1, max: 40 * DAY_MS }),
        minutes: fc.option(fc.integer({ min: 0, max: 24 * 60 })),
        at: fc.option(fc.integer({ min: WORK_FROM, max: WORK_TO - 1 })),
        deleted: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
  });

/** Random entries as their revisions. */
const ledgerArbitrary = (tiers: readonly string[]) =>
  fc.array(entryArbitrary(tiers), { maxLength: 25 }).map((entries) =>
    entries.flatMap((e, i): TimeEntryRevision[] => {
      const first: TimeEntryRevision = {
        entry: `e${i}`,
        rev: 1,
        org: ORG,
        by: 'agent',
        caseId: e.caseId,
        tier: e.tier,
        minutes: e.minutes,
        billable: e.billable,
        at: e.at,
        recordedAt: e.at + e.delay,
      };
      const revisions = [first];
      for (const c of e.corrections) {
        const last = revisions[revisions.length - 1] as TimeEntryRevision;
        revisions.push({
          ...last,
          rev: last.rev + 1,
          recordedAt: last.recordedAt + c.after,
          minutes: c.minutes ?? last.minutes,
          at: c.at ?? last.at,
          ...(c.deleted && { deleted: true as const }),
        });
      }
      return revisions;
    }),
  );

const statement = (policy: Policy, tier: string, revisions: readonly TimeEntryRevision[], period: string, now = AFTER_ALL) =>
  statementOf(policy, orgOf(tier), revisions, period, now);

const billedLines = (s: UsageStatement) => s.lines.filter((line) => line.kind !== 'adjustment');
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('usage fold properties', () => {
  it('counts every minute of the period once: pool, paid and covered minutes are the billable ones', () => {
    fc.assert(
      fc.property(
        ledgerArbitrary(['gold', 'basic', 'plan']),
        fc.constantFrom(...MONTHS),
        fc.integer({ min: 0, max: 200 * DAY_MS }),
        (revisions, id, offset) => {
          const now = WORK_FROM + offset;
          const { start, end } = periodBounds(parsePeriod(id), NEAREST.zone());
          fc.pre(start <= now);
          const s = statement(NEAREST, 'gold', revisions, id, now);
          const asOf = s.status === 'closed' ? end - 1 : now;
          const entries = currentEntries(revisions, asOf).filter((e) => e.at >= start && e.at < end);
          expect(s.usedMinutes + s.paidMinutes + s.coveredMinutes).toBe(sum(entries.filter((e) => e.billable).map((e) => e.minutes)));
          expect(s.nonBillableMinutes).toBe(sum(entries.filter((e) => !e.billable).map((e) => e.minutes)));
        },
      ),
    );
  });

  it('never changes a closed period, whatever is recorded after it closed', () => {
    fc.assert(
      fc.property(ledgerArbitrary(['gold', 'basic', 'plan']), fc.constantFrom(...MONTHS), (revisions, id) => {
        const { end } = periodBounds(parsePeriod(id), NEAREST.zone());
        const issued = statement(
          NEAREST,
          'gold',
          revisions.filter((r) => r.recordedAt < end),
          id,
          end,
        );
        expect(statement(NEAREST, 'gold', revisions, id, AFTER_ALL)).toEqual(issued);
      }),
    );
  });

  it('never bills less than the increment rule says', () => {
    fc.assert(
      fc.property(ledgerArbitrary(['gold', 'basic']), fc.constantFrom(...MONTHS), (revisions, id) => {
        const { start, end } = periodBounds(parsePeriod(id), tiered.zone());
        const s = statement(tiered, 'gold', revisions, id);
        // Rounded up to 15 minutes: never less than used, less than an increment more.
        expect(s.billedOverageMinutes).toBeGreaterThanOrEqual(s.overageMinutes);
        expect(s.billedOverageMinutes - s.overageMinutes).toBeLessThan(15);
        const entries = currentEntries(revisions, end - 1).filter((e) => e.at >= start && e.at < end && e.billable && e.tier === 'basic');
        for (const line of s.lines.filter((l) => l.kind === 'paid')) {
          const used = sum(entries.filter((e) => e.caseId === line.caseId).map((e) => e.minutes));
          expect(line.minutes).toBe(roundToIncrement(used, 15, 'up'));
          expect(line.minutes - used).toBeGreaterThanOrEqual(0);
          expect(line.minutes - used).toBeLessThan(15);
        }
      }),
    );
  });

  it('bills, with all adjustments, what a recomputation from the whole ledger bills', () => {
    fc.assert(
      fc.property(ledgerArbitrary(['gold', 'basic', 'plan']), (revisions) => {
        // Every revision as if recorded before any period closed: the ledger's final state, billed once.
        const final = revisions.map((r) => ({ ...r, recordedAt: WORK_FROM }));
        const statements = [...MONTHS, ...LATER].map((id) => statement(tiered, 'gold', revisions, id));
        for (const id of MONTHS) {
          const recomputed = billedLines(statement(tiered, 'gold', final, id));
          const issued = billedLines(statements.find((s) => s.period === id) as UsageStatement);
          const adjustments = statements.flatMap((s) => s.lines.filter((line) => line.adjusts === id));
          expect(sum([...issued, ...adjustments].map((l) => l.amount))).toBe(sum(recomputed.map((l) => l.amount)));
          expect(sum([...issued, ...adjustments].map((l) => l.minutes))).toBe(sum(recomputed.map((l) => l.minutes)));
        }
        expect(LAST_STATEMENT_END).toBeGreaterThan(Math.max(0, ...revisions.map((r) => r.recordedAt)));
      }),
      { numRuns: 60 },
    );
  });

  it('keeps money in integers: amounts, unit prices and totals, and hours to four decimals', () => {
    fc.assert(
      fc.property(ledgerArbitrary(['gold', 'basic', 'plan']), fc.constantFrom(...MONTHS, ...LATER), (revisions, id) => {
        const s = statement(NEAREST, 'gold', revisions, id);
        expect(Number.isSafeInteger(s.total)).toBe(true);
        for (const line of s.lines) {
          expect(Number.isSafeInteger(line.amount) && Number.isSafeInteger(line.unitPrice) && Number.isInteger(line.minutes)).toBe(true);
          expect(Math.round(line.quantity * 10_000) / 10_000).toBe(line.quantity);
        }
        expect(s.total).toBe(sum(s.lines.map((l) => l.amount)));
      }),
    );
  });
});
