/**
 * Compiling a policy document (authoring and publishing only: it needs the policy schema and the
 * holiday rules): validated with the full rules, its calendars' public holidays written out as
 * dates for `COMPILED_YEARS`, and the result validated into the spec the service runs on
 * (durations in ms, defaults filled in). The preset compiler and the policy publisher both use it,
 * so a stored version and a compiled preset are the same spec.
 */

import '#shared/calendar/holiday-rules.ts';
import { parseDocument } from 'yaml';
import { closedDates, type HolidaySpec } from '#shared/calendar/holidays.ts';
import { DAY_MS } from '#shared/time/duration.ts';
import { parseConfig } from './load-config.ts';
import { Policy } from './policy.ts';
import { type PolicySpec, policySchema } from './policy-schema.ts';
import { validateConfig } from './validate-config.ts';

export const COMPILED_YEARS = [2000, 2060] as const;

/** A policy document (YAML text) → its compiled document and spec; throws `InvalidConfigError` for a bad one. */
export function compilePolicyText(yamlText: string, source: string): { document: Record<string, unknown>; spec: PolicySpec } {
  parseConfig(policySchema, yamlText, source);
  return compilePolicyDocument(parseDocument(yamlText).toJS() as Record<string, unknown>, source);
}

/**
 * A policy document (parsed) → the same document with holidays compiled to dates, and its spec;
 * throws `InvalidConfigError` naming every bad field (as `sla validate` does).
 */
export function compilePolicyDocument(written: unknown, source: string): { document: Record<string, unknown>; spec: PolicySpec } {
  // Every rule, holiday regions included, on the document as written; then the same checks the service's Policy makes.
  Policy.fromSpec(validateConfig(policySchema, written, source));
  const document = structuredClone(written) as Record<string, unknown>;
  const calendars = (document.calendars ?? {}) as Record<string, { holidays?: HolidaySpec & Record<string, unknown> }>;
  for (const calendar of Object.values(calendars)) {
    const holidays = calendar.holidays;
    if (holidays?.country === undefined) continue;
    const closed = closedDates(holidays);
    const dates: string[] = [];
    for (let year = COMPILED_YEARS[0]; year <= COMPILED_YEARS[1]; year++) {
      for (const day of [...closed(year)].sort((a, b) => a - b)) dates.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
    }
    const { exclude: _applied, ...rest } = holidays;
    calendar.holidays = { ...rest, dates, compiledYears: [...COMPILED_YEARS] };
  }
  return { document, spec: validateConfig(policySchema, document, source) };
}
