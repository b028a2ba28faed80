/** Small lookups shared by the preset tests: they read a loaded policy, they never decide anything. */

import { WEEKDAYS, type Weekday } from '#shared/calendar/calendar-spec.ts';
import type { Policy, Targets } from '#shared/policy/policy.ts';

export type WeeklyHours = Record<Weekday, readonly string[]>;

/** The targets of a severity × tier that must have an SLA; fails the test when the cell has none. */
export function slaTargets(policy: Policy, severity: string, tier: string, region?: string): Targets {
  const targets = policy.targets(severity, tier, region);
  if (targets === undefined) throw new Error(`${policy.id}: ${severity} × ${tier} has no SLA`);
  return targets;
}

/** A named calendar's spec as the policy declares it; fails the test when it is missing. */
export function calendarSpec(policy: Policy, name: string) {
  const spec = policy.spec.calendars[name];
  if (spec === undefined) throw new Error(`${policy.id}: no calendar "${name}"`);
  return spec;
}

/** A calendar's opening intervals for all seven weekdays, closed days as `[]`. */
export function weeklyHours(policy: Policy, calendarName: string): WeeklyHours {
  const { hours } = calendarSpec(policy, calendarName);
  const week: Partial<WeeklyHours> = {};
  for (const day of WEEKDAYS) week[day] = hours[day] ?? [];
  return week as WeeklyHours;
}

/** The same interval Monday to Friday and `weekend` on Saturday and Sunday. */
export function monToFri(interval: string, weekend: readonly string[] = []): WeeklyHours {
  const weekday = [interval];
  return { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: weekend, sun: weekend };
}
