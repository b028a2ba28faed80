/**
 * What the ticket pages say about time entries: a duration typed as `75`, `1h15m` or `1:15`
 * read as whole minutes, minutes written as `1 h 15 min`, and why an entry is not billable. The
 * API decides what is billable and what a ticket's total is; this only reads and writes text.
 */

import { formatInstant, fromLocalInput, toLocalInput } from './format.ts';

const UNITS = '(h|hr|hrs|hours?|m|min|mins|minutes?)';

/** `1h15m`, `1 h 15 min`, `2h`, `45min`, `1.5h`: numbers each followed by a unit. */
const UNIT_PARTS = new RegExp(`^(?:(\\d+(?:\\.\\d+)?)\\s*${UNITS}\\s*)+$`, 'i');
const UNIT_PART = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*${UNITS}`, 'gi');

export type ParsedDuration = { readonly minutes: number } | { readonly error: string };

export const DURATION_HINT = 'Minutes (75), or hours and minutes (1h15m, 1:15).';

/**
 * Whole minutes from what an agent typed: plain minutes (`75`), `h:mm` (`1:15`), or numbers
 * with units (`1h15m`, `1 h 15 min`, `1.5h`). Fractions must come to whole minutes; the range
 * (1 to a day) is the API's to check, so it can say so on the field.
 */
export function parseDuration(text: string): ParsedDuration {
  const typed = text.trim();
  if (typed === '') return { error: 'enter the time spent, e.g. 45 or 1h15m' };
  if (/^\d+$/.test(typed)) return { minutes: Number(typed) };
  const clock = /^(\d+):([0-5]\d)$/.exec(typed);
  if (clock !== null) return { minutes: Number(clock[1]) * 60 + Number(clock[2]) };
  if (!UNIT_PARTS.test(typed)) return { error: `cannot read "${typed}" as a duration: use minutes (75) or 1h15m` };
  let sixtieths = 0;
  for (const [, amount, unit] of typed.matchAll(UNIT_PART)) {
    const hours = (unit as string).toLowerCase().startsWith('h');
    sixtieths += decimalTimes(amount as string, hours ? 60 : 1);
  }
  if (!Number.isInteger(sixtieths)) return { error: `"${typed}" is not a whole number of minutes` };
  return { minutes: sixtieths };
}

/**
 * `amount × factor` when it is a whole number, computed on the decimal digits (1.25 × 60 = 75
 * exactly); otherwise a fraction, which the caller refuses.
 */
function decimalTimes(amount: string, factor: number): number {
  const [whole, fraction = ''] = amount.split('.');
  const scale = 10 ** fraction.length;
  const scaled = (Number(whole) * scale + Number(fraction === '' ? '0' : fraction)) * factor;
  return scaled % scale === 0 ? scaled / scale : Number.NaN;
}

/** `1 h 15 min`, `2 h`, `45 min`, `0 min`; a negative amount (a credit) gets a minus sign. */
export function formatMinutes(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const total = Math.abs(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return `${sign}${rest} min`;
  return rest === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${rest} min`;
}

/**
 * "billable", or why not: `free: bug` when the ticket's category is one the policy does not bill,
 * else "not billable" (the agent said so).
 */
export function billableText(billable: boolean, category: string | undefined, freeCategories: readonly string[]): string {
  if (billable) return 'billable';
  if (category !== undefined && freeCategories.includes(category)) return `free: ${category}`;
  return 'not billable';
}

/** The categories a policy document (`GET /policies/{id}`) does not bill: its `billing.freeCategories`. */
export function freeCategoriesOf(policy: unknown): string[] {
  const billing = (policy as { billing?: { freeCategories?: unknown } } | undefined)?.billing;
  const free = billing?.freeCategories;
  return Array.isArray(free) ? free.filter((c): c is string => typeof c === 'string') : [];
}

/** What the log and correct forms hold, as typed: a duration, billable, a note, and when (a `datetime-local` value; empty: now). */
export interface TimeDraft {
  readonly minutes: string;
  readonly billable: boolean;
  readonly note: string;
  readonly at: string;
}

export const NEW_TIME_DRAFT: TimeDraft = { minutes: '', billable: true, note: '', at: '' };

/** An entry as the API lists it (the fields the forms need). */
export interface ListedEntry {
  readonly minutes: number;
  readonly billable: boolean;
  readonly at: string;
  readonly note?: string | undefined;
}

export interface TimeBody {
  minutes?: number;
  billable?: boolean;
  note?: string;
  at?: string;
}

/** A problem with a field, shaped as the API's `errors[]` (the view tests load this module without a DOM, so not `api.ts`). */
export type BuiltBody = { readonly body: TimeBody } | { readonly errors: readonly { readonly path: string; readonly message: string }[] };

/** The correct form starts from the entry as it stands (its date in the viewer's zone). */
export function draftOfEntry(entry: ListedEntry): TimeDraft {
  return {
    minutes: formatMinutes(entry.minutes),
    billable: entry.billable,
    note: entry.note ?? '',
    at: toLocalInput(Date.parse(entry.at)),
  };
}

/** `POST /tickets/{caseId}/time`: the minutes parsed here (an unreadable duration is the `minutes` field's problem), the rest as typed. */
export function newTimeBody(draft: TimeDraft): BuiltBody {
  const parsed = parseDuration(draft.minutes);
  if ('error' in parsed) return { errors: [{ path: 'minutes', message: parsed.error }] };
  const at = instantOf(draft.at);
  if (at === null) return { errors: [{ path: 'at', message: 'not a date and time' }] };
  const note = draft.note.trim();
  return { body: { minutes: parsed.minutes, billable: draft.billable, ...(note !== '' && { note }), ...(at !== undefined && { at }) } };
}

/** `PATCH /tickets/{caseId}/time/{entry}`: only what differs from the entry (a date unchanged to the minute is not sent). */
export function correctionBody(draft: TimeDraft, entry: ListedEntry): BuiltBody {
  const was = draftOfEntry(entry);
  const body: TimeBody = {};
  if (draft.minutes.trim() !== was.minutes) {
    const parsed = parseDuration(draft.minutes);
    if ('error' in parsed) return { errors: [{ path: 'minutes', message: parsed.error }] };
    if (parsed.minutes !== entry.minutes) body.minutes = parsed.minutes;
  }
  if (draft.billable !== entry.billable) body.billable = draft.billable;
  if (draft.note.trim() !== was.note.trim()) body.note = draft.note.trim();
  if (draft.at !== was.at) {
    const at = instantOf(draft.at);
    if (at === null || at === undefined) return { errors: [{ path: 'at', message: 'not a date and time' }] };
    body.at = at;
  }
  if (Object.keys(body).length === 0)
    return { errors: [{ path: '', message: 'nothing changed: change the time, billable, the note or the date' }] };
  return { body };
}

/** A `datetime-local` value (viewer's zone) as an ISO instant; `undefined` when empty, `null` when unreadable. */
function instantOf(local: string): string | undefined | null {
  if (local.trim() === '') return undefined;
  const ms = fromLocalInput(local);
  return ms === undefined ? null : new Date(ms).toISOString();
}

const CORRECTED_FIELDS: Record<string, { name: string; show: (value: string) => string }> = {
  minutes: { name: 'time spent', show: (v) => formatMinutes(Number(v)) },
  billable: { name: 'billable', show: (v) => (v === 'true' ? 'yes' : 'no') },
  at: { name: 'date', show: (v) => formatInstant(v) },
  note: { name: 'note', show: (v) => (v === '' ? 'none' : `“${v}”`) },
};

/**
 * What a time entry's timeline entry says after its actor: `logged 1 h 15 min (entry 10001-001,
 * billable)`, `corrected time entry 10001-001: time spent 1 h → 45 min`, `deleted time entry …`;
 * `undefined` for any other type.
 */
export function describeTimeChange(type: string, detail: Readonly<Record<string, string>>): string | undefined {
  const billable = (value: string | undefined) => (value === 'true' ? 'billable' : 'not billable');
  const why = detail.notBillable === undefined ? '' : `: ${detail.notBillable}`;
  switch (type) {
    case 'time_logged':
      return `logged ${formatMinutes(Number(detail.minutes))} (entry ${detail.entry}, ${billable(detail.billable)}${why})`;
    case 'time_corrected': {
      const changes = Object.entries(CORRECTED_FIELDS).flatMap(([field, { name, show }]) => {
        const from = detail[`from.${field}`];
        const to = detail[`to.${field}`];
        return from === undefined || to === undefined ? [] : [`${name} ${show(from)} → ${show(to)}`];
      });
      return `corrected time entry ${detail.entry}: ${changes.join(', ')}${why}`;
    }
    case 'time_deleted':
      return `deleted time entry ${detail.entry} (${formatMinutes(Number(detail.minutes))}, ${billable(detail.billable)})`;
    case 'category_changed':
      return detail.from === undefined ? `set the category to ${detail.to}` : `changed the category from ${detail.from} to ${detail.to}`;
    default:
      return undefined;
  }
}
