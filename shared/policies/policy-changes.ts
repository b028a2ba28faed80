/**
 * What publishing a new version of a policy changes, before it changes (the dry run of a publish):
 * for new tickets, the plan of each severity × tier (× region) at a few sample instants under the
 * latest version and under the new one; which calendars changed; and, since a calendar change
 * reaches open tickets too (a target change does not), which open tickets' deadlines it moves.
 * Pure: the caller brings the policies, the tickets and `now`.
 */

import { LocalClock } from '#shared/oncall/local-time.ts';
import type { Policy } from '#shared/policy/policy.ts';
import type { Deadline, PlanningTicket } from '#shared/sla/deadline.ts';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import { previewDeadlines } from '#shared/sla/plan-preview.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '#shared/time/duration.ts';

export interface SampleInstant {
  readonly label: string;
  readonly at: number;
}

export interface PlannedDue {
  readonly kind: Deadline['kind'];
  readonly level?: number;
  readonly due: number;
}

export interface TargetChange {
  readonly severity: string;
  readonly tier: string;
  readonly region?: string;
  readonly sample: string;
  readonly before: readonly PlannedDue[];
  readonly after: readonly PlannedDue[];
}

export interface AddedRemoved {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface TargetChanges {
  readonly changes: readonly TargetChange[];
  readonly unchanged: number;
  readonly severities: AddedRemoved;
  readonly tiers: AddedRemoved;
  readonly regions: AddedRemoved;
}

/** At most this many differing rows are listed (every one is counted). */
export const MAX_CHANGE_ROWS = 200;

/** The sample instants, in the policy's zone: the next weekday morning, Friday late afternoon and Saturday after `now`. */
export function sampleInstants(policy: Policy, now: number): SampleInstant[] {
  const clock = LocalClock.forZone(policy.zone());
  const wall = clock.wallTime(now);
  const today = Math.floor(wall / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: day 0 → 4.
  const weekday = (day: number) => (Math.floor(day / DAY_MS) + 4) % 7;
  const next = (dayOfWeek: number, hour: number, minute: number) => {
    for (let day = today; ; day += DAY_MS) {
      const at = day + hour * HOUR_MS + minute * MINUTE_MS;
      if (weekday(day) === dayOfWeek && at > wall) return clock.firstReaching(at);
    }
  };
  return [
    { label: 'Monday 09:30', at: next(1, 9, 30) },
    { label: 'Friday 16:30', at: next(5, 16, 30) },
    { label: 'Saturday 11:00', at: next(6, 11, 0) },
  ];
}

/** The plans of new tickets under `before` (none: a new policy) and `after`, at each sample: the rows that differ and how many did not. */
export function targetChanges(before: Policy | undefined, after: Policy, samples: readonly SampleInstant[]): TargetChanges {
  const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];
  const severities = union(before?.severities ?? [], after.severities);
  const tiers = union(before?.tiers ?? [], after.tiers);
  const regions = union(before?.regions ?? [], after.regions);
  const changes: TargetChange[] = [];
  let differing = 0;
  let unchanged = 0;
  for (const severity of severities)
    for (const tier of tiers)
      for (const region of regions.length === 0 ? [undefined] : regions)
        for (const sample of samples) {
          const was = planOf(before, severity, tier, region, sample.at);
          const will = planOf(after, severity, tier, region, sample.at);
          if (sameDues(was, will)) {
            unchanged++;
            continue;
          }
          differing++;
          if (differing <= MAX_CHANGE_ROWS)
            changes.push({ severity, tier, ...(region !== undefined && { region }), sample: sample.label, before: was, after: will });
        }
  return {
    changes,
    unchanged,
    severities: addedRemoved(before?.severities ?? [], after.severities),
    tiers: addedRemoved(before?.tiers ?? [], after.tiers),
    regions: addedRemoved(before?.regions ?? [], after.regions),
  };
}

/** The calendars (by name) that both versions have and that differ: the change that reaches open tickets. */
export function changedCalendars(before: Policy | undefined, after: Policy): string[] {
  if (before === undefined) return [];
  return Object.keys(before.spec.calendars).filter((name) => {
    const next = after.spec.calendars[name];
    return next !== undefined && JSON.stringify(next) !== JSON.stringify(before.spec.calendars[name]);
  });
}

export interface MovedDeadline {
  readonly deadline: string;
  readonly before: number;
  /** `null`: the clock now stands still (paused) where it ran before. */
  readonly after: number | null;
}

/**
 * The ticket's plan on the calendars of `calendarsVersion` (`ownWithNewCalendars`: its own version
 * with that version's calendars) against its plan now: the pending deadlines whose due moved.
 */
export function movedDeadlines(
  ticket: PlanningTicket & { readonly deadlines: readonly Deadline[] },
  ownWithNewCalendars: Policy,
  calendarsVersion: number,
): MovedDeadline[] {
  const replanned = planDeadlines({ ...ticket, sla: { ...ticket.sla, calendarsVersion } }, ownWithNewCalendars);
  const next = new Map(replanned.map((d) => [d.id, d]));
  const moved: MovedDeadline[] = [];
  for (const old of ticket.deadlines) {
    if (old.state !== 'pending' || old.due === null) continue;
    const now = next.get(old.id);
    const due = now === undefined || now.state !== 'pending' ? null : now.due;
    if (due !== old.due) moved.push({ deadline: old.id, before: old.due, after: due });
  }
  return moved;
}

function planOf(policy: Policy | undefined, severity: string, tier: string, region: string | undefined, at: number): PlannedDue[] {
  if (policy === undefined || !policy.severities.includes(severity) || !policy.tiers.includes(tier)) return [];
  if (region !== undefined && !policy.regions.includes(region)) return [];
  return previewDeadlines(policy, { severity, tier, region, at }).flatMap((d) =>
    d.due === null || d.repageOf !== undefined ? [] : [{ kind: d.kind, ...(d.level !== undefined && { level: d.level }), due: d.due }],
  );
}

function sameDues(a: readonly PlannedDue[], b: readonly PlannedDue[]): boolean {
  return a.length === b.length && a.every((d, i) => d.kind === b[i]?.kind && d.level === b[i]?.level && d.due === b[i]?.due);
}

function addedRemoved(before: readonly string[], after: readonly string[]): AddedRemoved {
  return { added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) };
}
