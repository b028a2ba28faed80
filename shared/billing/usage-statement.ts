/**
 * An org's usage statement for one period: a pure fold over its time ledger.
 *
 * - **Closing.** A period is closed from its end on (no grace). A closed period's statement is
 *   computed from the revisions recorded before its end, so it is the same whenever it is asked
 *   for; an open period's counts what is recorded up to `now`.
 * - **Adjustments.** A revision recorded after the close of the period its work falls in changes
 *   nothing issued: it goes into the statement of the period in which it was recorded, as
 *   adjustment lines that bill exactly the difference it makes to the closed period's lines (30 more
 *   minutes in a January whose pool was used up: the overage line re-billed, the difference billed;
 *   a deleted entry: a credit, a negative amount). The issued statements plus all adjustments bill
 *   what a recomputation from the whole ledger would.
 * - **Carry.** Carried-in minutes are the carried-out minutes of the previous period's issued
 *   statement; adjustments do not move them. Carried minutes are used first and never carried again.
 * - **Tier and period.** The org's tier at a period's start (or at the org's creation, if later)
 *   sets its pool, overage terms and the period's length (the `per` of its included time; a month
 *   when it has none). Asking for a period of another length is a `validation_failed` that names
 *   the right one (`2027-01` of a quarterly tier: ask for `2027-Q1`).
 * - **Money.** `amount = round_half_up(minutes × unitPrice / 60)`, in integers (billed-time.ts).
 */

import type { Zone } from '#shared/calendar/zone.ts';
import { DomainError } from '#shared/domain-error.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { hoursOf } from './billed-time.ts';
import { PERIOD_KINDS } from './billing-terms.ts';
import { type BilledLine, billPeriod, type PeriodBill, type PeriodTerms, type UsageMinutes } from './period-bill.ts';
import { type Period, type PeriodBounds, parsePeriod, periodBounds, periodOf } from './periods.ts';
import { currentEntries, type TimeEntryRevision } from './time-entry.ts';

export interface StatementLine {
  readonly kind: 'overage' | 'paid' | 'adjustment';
  readonly description: string;
  /** Hours, at most four decimals. */
  readonly quantity: number;
  readonly unit: 'h';
  /** Minor units per hour. */
  readonly unitPrice: number;
  /** Minor units, an integer; negative for a credit. */
  readonly amount: number;
  readonly currency: string;
  /** Billed minutes (after the increment rule); negative for a credit. */
  readonly minutes: number;
  readonly caseId?: number;
  /** The closed period an adjustment corrects. */
  readonly adjusts?: string;
}

export interface UsageStatement extends UsageMinutes {
  readonly org: string;
  readonly period: string;
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  readonly status: 'open' | 'closed';
  readonly tier: string;
  readonly currency: string;
  readonly lines: readonly StatementLine[];
  /** Minor units. */
  readonly total: number;
  /** Whether the used minutes reached 80 % and 100 % of included + carried-in minutes (never without a pool). */
  readonly alerts: { readonly at80: boolean; readonly at100: boolean };
}

export interface UsageStatementInput {
  readonly policy: Policy;
  /** `since`: when the org was created (nothing is carried in from before); `tierAt`: its tier at an instant. */
  readonly org: { readonly id: string; readonly since: number; tierAt(instant: number): string };
  readonly zone: Zone;
  /**
   * The org's revisions: every one recorded up to `now` from the start of the earliest period whose
   * carried-in minutes `carried` does not give (without `carried`: the whole ledger).
   */
  readonly revisions: readonly TimeEntryRevision[];
  /** Carried-in minutes by period start, as issued statements stated them: the fold takes them as given. */
  readonly carried?: ReadonlyMap<number, number> | undefined;
  /** `2027-01`, `2027-Q1` or `2027`. */
  readonly period: string;
  readonly now: number;
}

interface PeriodContext extends PeriodBounds {
  readonly period: Period;
  readonly tier: string;
  /** The period's terms, carried-in minutes computed on first use (they reach back period by period). */
  terms(): PeriodTerms;
}

export function usageStatement(input: UsageStatementInput): UsageStatement {
  return new UsageFold(input).statement(parsePeriod(input.period));
}

/** The statement period holding `instant` for the org (see `UsageFold.periodHolding`). */
export function statementPeriodAt(input: Omit<UsageStatementInput, 'revisions' | 'period' | 'now'>, instant: number): Period {
  return new UsageFold({ ...input, revisions: [], period: '', now: instant }).periodHolding(instant);
}

class UsageFold {
  private readonly contexts = new Map<string, PeriodContext>();

  constructor(private readonly input: UsageStatementInput) {}

  statement(requested: Period): UsageStatement {
    const { org, policy, now, zone } = this.input;
    const period = this.context(requested);
    const expected = this.periodHolding(period.start);
    if (expected.id !== requested.id) {
      const message = `${org.id} is billed by the ${expected.kind} at ${requested.id} (tier ${period.tier}): ask for ${expected.id}`;
      throw new DomainError('validation_failed', message, [{ path: 'period', message }]);
    }
    if (period.start > now) {
      const message = `${requested.id} has not begun: it starts ${formatInstant(period.start)}`;
      throw new DomainError('validation_failed', message, [{ path: 'period', message }]);
    }
    const closed = now >= period.end;
    const asOf = closed ? period.end - 1 : now;
    const bill = this.bill(period, asOf);
    const currency = policy.currency;
    const lines = [...[...bill.lines.values()].map((line) => this.shown(line)), ...this.adjustments(period, asOf)];
    const pool = bill.includedMinutes + bill.carriedInMinutes;
    const { lines: _keyed, ...figures } = bill;
    return {
      org: org.id,
      period: requested.id,
      start: period.start,
      end: period.end,
      zone: zone.name,
      status: closed ? 'closed' : 'open',
      tier: period.tier,
      currency,
      ...figures,
      lines,
      total: lines.reduce((sum, line) => sum + line.amount, 0),
      alerts: { at80: pool > 0 && bill.usedMinutes * 5 >= pool * 4, at100: pool > 0 && bill.usedMinutes >= pool },
    };
  }

  /** The statement period holding `instant`: the shortest kind whose period there starts under a tier billed by that kind. */
  periodHolding(instant: number): Period {
    const { zone } = this.input;
    for (const kind of PERIOD_KINDS) {
      const candidate = periodOf(instant, kind, zone);
      const { start } = periodBounds(candidate, zone);
      if (this.billingKind(this.tierFrom(start)) === kind) return candidate;
    }
    return periodOf(instant, 'month', zone);
  }

  private billingKind(tier: string) {
    return (this.input.policy.tiers.includes(tier) ? this.input.policy.billingOf(tier).included?.per : undefined) ?? 'month';
  }

  private tierFrom(start: number): string {
    return this.input.org.tierAt(Math.max(start, this.input.org.since));
  }

  private context(period: Period): PeriodContext {
    let context = this.contexts.get(period.id);
    if (context === undefined) {
      const bounds = periodBounds(period, this.input.zone);
      const tier = this.tierFrom(bounds.start);
      let terms: PeriodTerms | undefined;
      context = {
        ...bounds,
        period,
        tier,
        terms: () => {
          terms ??= { tier, billing: this.billingOf(tier), carriedInMinutes: this.carriedInto(bounds.start) };
          return terms;
        },
      };
      this.contexts.set(period.id, context);
    }
    return context;
  }

  private billingOf(tier: string) {
    return this.input.policy.tiers.includes(tier) ? this.input.policy.billingOf(tier) : {};
  }

  /**
   * The carried-out minutes of the issued statement of the period that ends at `start`. A period
   * whose pool was not used carries out the same whatever came in, so the look back stops there.
   */
  private carriedInto(start: number): number {
    if (start <= this.input.org.since) return 0;
    const issued = this.input.carried?.get(start);
    if (issued !== undefined) return issued;
    const previous = this.context(this.periodHolding(start - 1));
    const billing = this.billingOf(previous.tier);
    if (previous.end !== start || (billing.included?.carryMinutes ?? 0) === 0) return 0;
    const unused = billPeriod(this.input.policy, { tier: previous.tier, billing, carriedInMinutes: 0 }, this.entries(previous, start - 1));
    return unused.usedMinutes === 0 ? unused.carriedOutMinutes : this.bill(previous, start - 1).carriedOutMinutes;
  }

  /** The entries whose work falls in the period, as the ledger stood at `asOf`. */
  private entries(period: PeriodBounds, asOf: number): TimeEntryRevision[] {
    return currentEntries(this.input.revisions, asOf).filter((entry) => entry.at >= period.start && entry.at < period.end);
  }

  /** The period's bill from the ledger as it stood at `asOf`. */
  private bill(period: PeriodContext, asOf: number): PeriodBill {
    return billPeriod(this.input.policy, period.terms(), this.entries(period, asOf));
  }

  /** Lines that bill what the revisions recorded in `period` (up to `asOf`) changed in closed periods. */
  private adjustments(period: PeriodContext, asOf: number): StatementLine[] {
    const recorded = this.input.revisions.filter((r) => r.recordedAt >= period.start && r.recordedAt <= asOf);
    const touched = new Set(recorded.map((r) => r.entry));
    const closedPeriods = new Map<string, PeriodContext>();
    for (const revision of this.input.revisions) {
      if (!touched.has(revision.entry) || revision.recordedAt > asOf || revision.at >= period.start) continue;
      const closed = this.context(this.periodHolding(revision.at));
      if (closed.end > period.start) continue;
      closedPeriods.set(closed.period.id, closed);
    }
    return [...closedPeriods.values()]
      .sort((a, b) => a.start - b.start)
      .flatMap((closed) => this.differences(closed, this.bill(closed, period.start - 1), this.bill(closed, asOf)));
  }

  private differences(closed: PeriodContext, before: PeriodBill, after: PeriodBill): StatementLine[] {
    const keys = [...new Set([...before.lines.keys(), ...after.lines.keys()])];
    return keys.flatMap((key) => {
      const was = before.lines.get(key);
      const now = after.lines.get(key);
      const line = now ?? was;
      if (line === undefined) return [];
      const minutes = (now?.minutes ?? 0) - (was?.minutes ?? 0);
      const amount = (now?.amount ?? 0) - (was?.amount ?? 0);
      if (minutes === 0 && amount === 0) return [];
      const shown = this.shown({ ...line, minutes, amount });
      return [
        {
          ...shown,
          kind: 'adjustment' as const,
          description: `Adjustment to ${closed.period.id}: ${line.description}`,
          adjusts: closed.period.id,
        },
      ];
    });
  }

  private shown(line: BilledLine): StatementLine {
    return {
      kind: line.kind,
      description: line.description,
      quantity: hoursOf(line.minutes),
      unit: 'h',
      unitPrice: line.terms.rate.amount,
      amount: line.amount,
      currency: line.terms.rate.currency,
      minutes: line.minutes,
      ...(line.caseId !== undefined && { caseId: line.caseId }),
    };
  }
}
