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

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { PRESET_IDS } from '#shared/policies/preset-ids.ts';
import type { CompiledPresets, PresetDocuments } from '#shared/policies/presets.ts';
import type { PresetSources } from '#shared/policies/seed-presets.ts';
import { compilePolicyText as compileFile } from '#shared/policy/compile-policy.ts';

/** Compiles the presets in `directory` (default: `shared/policies/`, with its `archive/`). */
export function compilePresets(directory: URL = new URL('../../shared/policies/', import.meta.url)): {
  specs: CompiledPresets;
  documents: PresetDocuments;
  sources: PresetSources;
} {
  const presets: Record<string, { current: number; versions: Record<string, string> }> = {};
  const documents: Record<string, string> = {};
  const sources: Record<string, Record<string, string>> = {};
  const archive = new URL('archive/', directory);
  const archived = existsSync(archive) ? readdirSync(archive) : [];
  for (const id of PRESET_IDS) {
    const text = readFileSync(new URL(`${id}.yaml`, directory), 'utf8');
    const current = compileFile(text, `${id}.yaml`);
    const versions: Record<string, string> = { [current.spec.version]: JSON.stringify(current.spec) };
    const written: Record<string, string> = { [current.spec.version]: JSON.stringify(parse(text)) };
    for (const file of archived) {
      const match = new RegExp(`^${id}\\.v(\\d+)\\.yaml$`).exec(file);
      if (match === null) continue;
      const oldText = readFileSync(new URL(file, archive), 'utf8');
      const old = compileFile(oldText, `archive/${file}`).spec;
      if (old.version !== Number(match[1])) throw new Error(`archive/${file} declares version ${old.version}`);
      versions[old.version] = JSON.stringify(old);
      written[old.version] = JSON.stringify(parse(oldText));
    }
    presets[id] = { current: current.spec.version, versions };
    documents[id] = JSON.stringify(current.document);
    sources[id] = written;
  }
  return { specs: { presets }, documents, sources };
}
