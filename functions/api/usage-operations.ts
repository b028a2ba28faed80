/**
 * Usage statements: `GET /orgs/{id}/usage` folds an organisation's time ledger into its statement
 * for a period (JSON, or CSV), and after every time entry written the open period's statement is
 * folded again to queue the 80 % and 100 % e-mails to the organisation's contacts.
 */

import { parsePeriod, periodBounds, periodOf } from '#shared/billing/periods.ts';
import { statementCsv } from '#shared/billing/statement-csv.ts';
import type { TimeEntryRevision } from '#shared/billing/time-entry.ts';
import { statementPeriodAt, type UsageStatement, type UsageStatementInput, usageStatement } from '#shared/billing/usage-statement.ts';
import { DomainError } from '#shared/domain-error.ts';
import { usageAlerts } from '#shared/email/usage-alert.ts';
import { type Org, tierAt } from '#shared/tickets/org.ts';
import type { TimeLedger } from '#shared/tickets/time-log.ts';
import { billedTierAt } from '#shared/tier-review/billed-tier.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { type ApiDeps, latestPolicy, type Operation, prefersOverJson, signedIn, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';
import { orgId } from './schemas.ts';
import { usageQuery } from './time-schemas.ts';

export const USAGE_OPERATIONS = {
  'GET /orgs/{id}/usage': async (request, deps) => {
    const principal = signedIn(request);
    const { period } = validate(usageQuery(), request.query, 'query');
    const id = request.params.id ?? '';
    // Customers see their own organisation only; another's is not found, so ids do not leak.
    const mayRead = orgId().safeParse(id).success && (principal.role !== 'customer' || principal.org === id);
    const org = mayRead ? await deps.store.getOrg(id) : undefined;
    if (org === undefined) throw new DomainError('not_found', `no organisation "${id.slice(0, 63)}"`);
    const statement = await statementOf(deps, org, period, deps.now());
    if (prefersOverJson(request.accept, 'text/csv')) {
      return { status: 200, body: undefined, text: { contentType: 'text/csv; charset=utf-8', body: statementCsv(statement) } };
    }
    return { status: 200, body: statementView(statement) };
  },
} satisfies Partial<Record<RouteKey, Operation>>;

/**
 * Queues the usage alerts the open period's statement calls for, once per period each for good (a
 * mark that never expires is written with each, so repeats, races and an expired outbox item send nothing twice). An organisation
 * without contacts gets nothing; that is logged.
 */
export async function alertUsage(deps: ApiDeps, orgId: string, now: number, written: readonly TimeEntryRevision[] = []): Promise<void> {
  const org = await deps.store.getOrg(orgId);
  if (org === undefined) return;
  const statement = await statementOf(deps, org, undefined, now, written);
  if (!statement.alerts.at80) return;
  const mails = usageAlerts(org, statement);
  if (mails.length === 0) {
    console.info(
      JSON.stringify({ message: 'usage alert not sent: the organisation has no contacts', org: org.id, period: statement.period }),
    );
    return;
  }
  await timeLedger(deps).queueAlerts(mails);
}

/**
 * The statement of `period` (none: the one running at `now`), folded from every revision recorded
 * up to its cut-off (its end once closed): carried-in time and adjustments reach back to any period.
 * A closed period's is the issued one (stored the first time it is computed). `written`: revisions
 * this request just wrote, which the index (eventually consistent) may not show yet.
 */
async function statementOf(
  deps: ApiDeps,
  org: Org,
  period: string | undefined,
  now: number,
  written: readonly TimeEntryRevision[] = [],
): Promise<UsageStatement> {
  const ledger = timeLedger(deps);
  const policy = await latestPolicy(deps, org.policy, 'not_found');
  const zone = policy.zone(org.region);
  // The org's tier history (an admin's changes, quarterly reviews) as it stood at each period's close.
  const tierOf = billedTierAt(org, policy, zone);
  const asked =
    period === undefined ? periodOf(now, policy.billingOf(tierAt(org, now)).included?.per ?? 'month', zone) : parsePeriod(period);
  const { start, end } = periodBounds(asked, zone);
  if (end <= org.createdAt) {
    const message = `${asked.id} ended before the organisation was created (${formatInstant(org.createdAt)})`;
    throw new DomainError('bad_request', `period: ${message}`, [{ path: 'period', message }]);
  }
  // A closed period's statement is issued once: what was issued stands, whatever changed since.
  const closed = end <= now;
  const issued = closed ? await ledger.issued(org.id, asked.id) : undefined;
  if (issued !== undefined) return issued;
  const fold: Fold = { policy, org: { id: org.id, since: org.createdAt, tierAt: tierOf }, zone };
  const { revisions, carried } = await ledgerFor(deps, org, fold, start, Math.min(now + 1, end), now, written);
  try {
    const statement = usageStatement({ ...fold, revisions, carried, period: asked.id, now });
    return statement.status === 'closed' ? await ledger.issue(statement) : statement;
  } catch (error) {
    // A period of the wrong length or not begun is a bad query, like one of the wrong form.
    if (error instanceof DomainError && error.code === 'validation_failed')
      throw new DomainError('bad_request', error.message, error.errors);
    throw error;
  }
}

type Fold = Omit<UsageStatementInput, 'revisions' | 'period' | 'now'>;

/**
 * What the statement of the period starting at `start` reads: the revisions recorded from `start`
 * to `cutoff`; if some of them change work before `start` (adjustments) or correct entries logged
 * before it, those tickets' revisions (to find the earliest period they touch) and then the
 * revisions recorded from that period's start. Carried-in minutes come from the issued statements
 * of the periods before (each issued on first need), so nothing older is read.
 */
async function ledgerFor(
  deps: ApiDeps,
  org: Org,
  fold: Fold,
  start: number,
  cutoff: number,
  now: number,
  written: readonly TimeEntryRevision[],
): Promise<{ revisions: readonly TimeEntryRevision[]; carried: ReadonlyMap<number, number> }> {
  const ledger = timeLedger(deps);
  const recent = withWritten(await ledger.recordedIn(org.id, start, cutoff), written);
  const from = await earliestTouched(ledger, fold, start, recent);
  // `recordedIn` is half-open, so the revisions recorded before `start` complete what was read.
  const revisions = from < start ? [...(await ledger.recordedIn(org.id, from, start)), ...recent] : recent;
  const carried = new Map<number, number>();
  for (let at = start; at > org.createdAt; ) {
    const previous = await statementOf(deps, org, statementPeriodAt(fold, at - 1).id, now);
    if (previous.end === at) carried.set(at, previous.carriedOutMinutes);
    if (previous.start < from || previous.start >= at) break;
    carried.set(previous.start, previous.carriedInMinutes);
    if (previous.start === from) break;
    at = previous.start;
  }
  return { revisions, carried };
}

/** The start of the earliest period whose work `recent` changes (`start` if only its own). */
async function earliestTouched(ledger: TimeLedger, fold: Fold, start: number, recent: readonly TimeEntryRevision[]): Promise<number> {
  const count = new Map<string, number>();
  const last = new Map<string, number>();
  for (const r of recent) {
    count.set(r.entry, (count.get(r.entry) ?? 0) + 1);
    last.set(r.entry, Math.max(last.get(r.entry) ?? 0, r.rev));
  }
  // An entry whose revisions here are not 1…n has older ones, recorded before `start`.
  const older = recent.filter((r) => r.at < start || count.get(r.entry) !== last.get(r.entry));
  if (older.length === 0) return start;
  const entries = new Set(older.map((r) => r.entry));
  const history = (await Promise.all([...new Set(older.map((r) => r.caseId))].map((caseId) => ledger.ofTicket(caseId)))).flat();
  const earliest = Math.min(start, ...history.filter((r) => entries.has(r.entry)).map((r) => r.at), ...older.map((r) => r.at));
  return earliest < start ? periodBounds(statementPeriodAt(fold, earliest), fold.zone).start : start;
}

/** The revisions read, and those just written that the read missed. */
function withWritten(read: readonly TimeEntryRevision[], written: readonly TimeEntryRevision[]): readonly TimeEntryRevision[] {
  const seen = new Set(read.map((r) => `${r.entry}#${r.rev}`));
  const missed = written.filter((r) => !seen.has(`${r.entry}#${r.rev}`));
  return missed.length === 0 ? read : [...read, ...missed];
}

/** The time ledger the time-entry and usage routes need (an API started without one cannot serve them). */
export function timeLedger(deps: ApiDeps): TimeLedger {
  if (deps.timeLedger === undefined) throw new Error('the time-entry and usage routes need a time ledger');
  return deps.timeLedger;
}

/** A statement on the wire: instants as ISO-8601, the rest as the fold made it. */
export function statementView(statement: UsageStatement) {
  return { ...statement, start: formatInstant(statement.start), end: formatInstant(statement.end) };
}
