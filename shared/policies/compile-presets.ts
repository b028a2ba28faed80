/**
 * The preset compiler (authoring only): validates each preset YAML with the full rules, then
 * writes its calendars' public holidays out as dates for `COMPILED_YEARS`, so the service never
 * needs `date-holidays` at run time. `npm run compile-presets` writes `compiled-presets.json`;
 * a test fails when the committed file differs from a fresh compile.
 */

import '#shared/calendar/holiday-rules.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { closedDates, type HolidaySpec } from '#shared/calendar/holidays.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { DAY_MS } from '#shared/time/duration.ts';
import { PRESET_IDS } from './preset-ids.ts';

const COMPILED_YEARS = [2000, 2060] as const;

export interface CompiledPresets {
  /** Per preset: the current version and every version's document (the YAML as JSON, holidays as dates). */
  readonly presets: Readonly<Record<string, { readonly current: number; readonly versions: Readonly<Record<string, unknown>> }>>;
}

/** One policy YAML → its compiled document (throws `InvalidConfigError` for a bad file). */
function compileDocument(yamlText: string, source: string): { version: number; document: Record<string, unknown> } {
  const policy = parsePolicy(yamlText, source);
  const document = parse(yamlText) as Record<string, unknown>;
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
  return { version: policy.version, document };
}

export function compilePresets(directory: URL = new URL('./', import.meta.url)): CompiledPresets {
  const presets: Record<string, { current: number; versions: Record<string, unknown> }> = {};
  const archive = new URL('archive/', directory);
  const archived = existsSync(archive) ? readdirSync(archive) : [];
  for (const id of PRESET_IDS) {
    const current = compileDocument(readFileSync(new URL(`${id}.yaml`, directory), 'utf8'), `${id}.yaml`);
    const versions: Record<string, unknown> = { [current.version]: current.document };
    for (const file of archived) {
      const match = new RegExp(`^${id}\\.v(\\d+)\\.yaml$`).exec(file);
      if (match === null) continue;
      const old = compileDocument(readFileSync(new URL(file, archive), 'utf8'), `archive/${file}`);
      if (old.version !== Number(match[1])) throw new Error(`archive/${file} declares version ${old.version}`);
      versions[old.version] = old.document;
    }
    presets[id] = { current: current.version, versions };
  }
  return { presets };
}
