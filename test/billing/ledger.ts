/** Time-ledger fixtures for the billing tests: revisions as the time routes would record them. */

import type { TimeEntryRevision } from '#shared/billing/time-entry.ts';
import { type UsageStatementInput, usageStatement } from '#shared/billing/usage-statement.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { HOUR_MS } from '#shared/time/duration.ts';

export const ORG = 'acme';

/** An entry's first revision; `recordedAt` defaults to the work's own time. */
export function logged(
  entry: string,
  fields: { caseId?: number; tier: string; minutes: number; at: number; recordedAt?: number; billable?: boolean; category?: string },
): TimeEntryRevision {
  const { caseId = 1, recordedAt = fields.at, billable = true, ...rest } = fields;
  return { entry, rev: 1, org: ORG, by: 'agent-1', caseId, recordedAt, billable, ...rest };
}

/** The next revision of `previous`, recorded at `recordedAt`. */
export function corrected(
  previous: TimeEntryRevision,
  recordedAt: number,
  changes: Partial<Pick<TimeEntryRevision, 'minutes' | 'at' | 'billable'>>,
): TimeEntryRevision {
  return { ...previous, ...changes, rev: previous.rev + 1, recordedAt };
}

export function deleted(previous: TimeEntryRevision, recordedAt: number): TimeEntryRevision {
  return { ...previous, rev: previous.rev + 1, recordedAt, deleted: true };
}

/** An org of one tier since 2020 (or tiers from given instants on, latest first wins). */
export function orgOf(tier: string, changes: ReadonlyArray<readonly [from: number, tier: string]> = []): UsageStatementInput['org'] {
  return {
    id: ORG,
    since: Date.UTC(2020, 0, 1),
    tierAt: (instant) => [...changes].reverse().find(([from]) => instant >= from)?.[1] ?? tier,
  };
}

/** The statement of `period` for an org of `policy` in its first calendar's zone. */
export function statementOf(
  policy: Policy,
  org: UsageStatementInput['org'],
  revisions: readonly TimeEntryRevision[],
  period: string,
  now: number,
) {
  return usageStatement({ policy, org, zone: policy.zone(), revisions, period, now });
}

export const hours = (n: number) => n * 60;
export { HOUR_MS };

/** A policy in Europe/Berlin with the given `tiers:` block (indented YAML); `slaTiers` get a response target. */
export function billingPolicy(id: string, tiers: string, slaTiers: readonly string[]): Policy {
  const cells = slaTiers.map((tier) => `${tier}: { response: 4h }`).join(', ');
  const yaml = [
    `id: ${id}`,
    'version: 1',
    `name: ${id}`,
    'roles: { tier1: { name: Tier I } }',
    'calendars: { office: { timezone: Europe/Berlin, hours: { mon: ["09:00-17:00"] } } }',
    'tiers:',
    tiers.replace(/\n$/, ''),
    `severities: { normal: { calendar: office, tiers: { ${cells} } } }`,
  ].join('\n');
  return parsePolicy(yaml, `${id}.yaml`);
}
