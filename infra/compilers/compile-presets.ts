/**
 * The preset compiler (authoring only): validates each preset YAML with the full rules, writes its
 * calendars' public holidays out as dates for `COMPILED_YEARS`, and validates the result into the
 * policy spec the service runs on (durations in ms, defaults filled in). So the service needs
 * neither `date-holidays` nor the policy schema at run time. `npm run compile-presets` writes
 * `shared/policies/compiled-presets.json` (the specs) and `compiled-preset-documents.json` (each
 * current preset as written); a test fails when the committed files differ from a fresh compile.
 *
 * Each spec and document is kept as JSON text inside those files: a Lambda then parses only the
 * versions it uses, and reading a string literal costs its cold start far less than the same data
 * as an object literal.
 */

import '#shared/calendar/holiday-rules.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { closedDates, type HolidaySpec } from '#shared/calendar/holidays.ts';
import { PRESET_IDS } from '#shared/policies/preset-ids.ts';
import type { CompiledPresets, PresetDocuments } from '#shared/policies/presets.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { type PolicySpec, policySchema } from '#shared/policy/policy-schema.ts';
import { validateConfig } from '#shared/policy/validate-config.ts';
import { DAY_MS } from '#shared/time/duration.ts';

const COMPILED_YEARS = [2000, 2060] as const;

/** One policy YAML → its compiled document and spec (throws `InvalidConfigError` for a bad file). */
function compileFile(yamlText: string, source: string): { document: Record<string, unknown>; spec: PolicySpec } {
  parsePolicy(yamlText, source);
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
  return { document, spec: validateConfig(policySchema, document, source) };
}

/** Compiles the presets in `directory` (default: `shared/policies/`, with its `archive/`). */
export function compilePresets(directory: URL = new URL('../../shared/policies/', import.meta.url)): {
  specs: CompiledPresets;
  documents: PresetDocuments;
} {
  const presets: Record<string, { current: number; versions: Record<string, string> }> = {};
  const documents: Record<string, string> = {};
  const archive = new URL('archive/', directory);
  const archived = existsSync(archive) ? readdirSync(archive) : [];
  for (const id of PRESET_IDS) {
    const current = compileFile(readFileSync(new URL(`${id}.yaml`, directory), 'utf8'), `${id}.yaml`);
    const versions: Record<string, string> = { [current.spec.version]: JSON.stringify(current.spec) };
    for (const file of archived) {
      const match = new RegExp(`^${id}\\.v(\\d+)\\.yaml$`).exec(file);
      if (match === null) continue;
      const old = compileFile(readFileSync(new URL(file, archive), 'utf8'), `archive/${file}`).spec;
      if (old.version !== Number(match[1])) throw new Error(`archive/${file} declares version ${old.version}`);
      versions[old.version] = JSON.stringify(old);
    }
    presets[id] = { current: current.spec.version, versions };
    documents[id] = JSON.stringify(current.document);
  }
  return { specs: { presets }, documents };
}
