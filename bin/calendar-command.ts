/**
 * `sla calendar add|between`: working time on a calendar file, or on a policy's named calendar.
 *
 *   sla calendar add --calendar <file> --at ISO --minutes N [--json]
 *   sla calendar add --calendar <file> --batch            (JSON lines {"at","minutes"} on stdin)
 *   sla calendar between --calendar <file> --from ISO --to ISO
 */

import { parseArgs } from 'node:util';
import { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { calendarSpecSchema } from '#shared/calendar/calendar-schema.ts';
import { parseConfig } from '#shared/policy/load-config.ts';
import { MINUTE_MS } from '#shared/time/duration.ts';
import { formatInstant, INSTANT_HINT, parseInstant } from '#shared/time/instant.ts';
import { type Io, instant, policyOf, readText, required, SWITCH, UsageError, VALUE } from './cli-input.ts';

export function calendar(argv: readonly string[], io: Io): number {
  const [sub, ...rest] = argv;
  if (sub !== 'add' && sub !== 'between') throw new UsageError(`unknown calendar command "${sub ?? ''}" (add, between)`);
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: { calendar: VALUE, policy: VALUE, at: VALUE, minutes: VALUE, from: VALUE, to: VALUE, batch: SWITCH, json: SWITCH },
  });
  const cal = calendarOf(required(values.calendar, '--calendar'), values.policy);
  if (sub === 'between') {
    const from = instant(required(values.from, '--from'), '--from');
    const to = instant(required(values.to, '--to'), '--to');
    io.stdout(`${JSON.stringify({ minutes: cal.between(from, to) / MINUTE_MS })}\n`);
    return 0;
  }
  if (values.batch) {
    if (values.at !== undefined || values.minutes !== undefined) throw new UsageError('--batch reads --at and --minutes from stdin');
    return batchAdd(cal, io);
  }
  const at = instant(required(values.at, '--at'), '--at');
  const minutes = minutesOf(required(values.minutes, '--minutes'));
  if (minutes === undefined) throw new UsageError('--minutes: expected a number ≥ 0');
  const due = formatInstant(cal.add(at, minutes * MINUTE_MS));
  io.stdout(values.json ? `${JSON.stringify({ due })}\n` : `${due}\n`);
  return 0;
}

/** One `{"due"}` line per input line, same order; a bad line answers `{"error"}` and the run exits 1. */
function batchAdd(cal: BusinessCalendar, io: Io): number {
  const out: string[] = [];
  let failed = false;
  io.stdin()
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const answer = addLine(cal, line);
      if (typeof answer === 'number') out.push(`{"due":"${formatInstant(answer)}"}`);
      else {
        failed = true;
        out.push(JSON.stringify({ error: `line ${index + 1}: ${answer.error}` }));
      }
    });
  if (out.length > 0) io.stdout(`${out.join('\n')}\n`);
  return failed ? 1 : 0;
}

function addLine(cal: BusinessCalendar, line: string): number | { error: string } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  const { at, minutes } = (input ?? {}) as { at?: unknown; minutes?: unknown };
  const start = typeof at === 'string' ? parseInstant(at) : undefined;
  if (start === undefined) return { error: `at: ${INSTANT_HINT}` };
  if (typeof minutes !== 'number' || !(minutes >= 0) || !Number.isFinite(minutes)) return { error: 'minutes: expected a number ≥ 0' };
  return cal.add(start, minutes * MINUTE_MS);
}

function calendarOf(calendarArg: string, policyArg: string | undefined): BusinessCalendar {
  if (policyArg !== undefined) return policyOf(policyArg).calendar(calendarArg);
  return BusinessCalendar.from(parseConfig(calendarSpecSchema, readText(calendarArg), calendarArg));
}

function minutesOf(text: string): number | undefined {
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}
