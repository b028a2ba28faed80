/**
 * EventBridge Scheduler's cron expressions, as far as the stack makes them (the quarterly tier
 * review reminders): `cron(minutes hours day-of-month month ? *)` with numbers, comma lists or `*`,
 * evaluated in an IANA zone. As on AWS, a local time that a DST change skips does not fire that
 * day (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html). Anything else
 * is refused: a stand-in that cannot honour an expression must not pretend to.
 */

import { LocalClock } from '#shared/oncall/local-time.ts';
import { DAY_MS } from '#shared/time/duration.ts';

const CRON = /^cron\((\S+) (\S+) (\S+) (\S+) \? \*\)$/;
const FIELD = /^(\*|\d{1,2}(,\d{1,2})*)$/;

export function isCronExpression(expression: string): boolean {
  return expression.startsWith('cron(');
}

/** `undefined` when the expression is one this stand-in takes; else why not. */
export function cronProblem(expression: string): string | undefined {
  const match = CRON.exec(expression);
  if (match === null || match.slice(1).some((field) => !FIELD.test(field))) {
    return `Invalid Schedule Expression ${expression}: this stand-in takes cron(minutes hours day-of-month month ? *) with numbers, lists or *`;
  }
  return undefined;
}

/** The first instant after `after` at which the expression fires in `timezone` (looking up to 5 years ahead). */
export function nextCronOccurrence(expression: string, timezone: string, after: number): number {
  const match = CRON.exec(expression);
  if (match === null) throw new Error(cronProblem(expression));
  const [minutes, hours, days, months] = match.slice(1).map(values) as [Matcher, Matcher, Matcher, Matcher];
  const clock = LocalClock.of(timezone);
  const firstDay = Math.floor(clock.wallTime(after) / DAY_MS) * DAY_MS;
  for (let day = firstDay; day < firstDay + 5 * 366 * DAY_MS; day += DAY_MS) {
    const date = new Date(day);
    if (!months(date.getUTCMonth() + 1) || !days(date.getUTCDate())) continue;
    for (let hour = 0; hour < 24; hour++) {
      if (!hours(hour)) continue;
      for (let minute = 0; minute < 60; minute++) {
        if (!minutes(minute)) continue;
        const wall = day + (hour * 60 + minute) * 60_000;
        const instant = clock.firstReaching(wall);
        // A skipped wall time is reached only at the change, where the wall clock reads later.
        if (instant > after && clock.wallTime(instant) === wall) return instant;
      }
    }
  }
  throw new Error(`${expression} does not fire in the next 5 years`);
}

type Matcher = (value: number) => boolean;

function values(field: string): Matcher {
  if (field === '*') return () => true;
  const listed = new Set(field.split(',').map(Number));
  return (value) => listed.has(value);
}
