/**
 * Seeding: every version of the five presets (kore v1 and v2, …) written as ordinary stored
 * policies, with the same compiled spec the service carries (so a preset version read from the
 * compiled presets and from the table is the same policy) and the document as written. Idempotent:
 * a version already stored is left alone, and a seeder that meets another one's write moves on.
 */

import { Policy } from '#shared/policy/policy.ts';
import type { PolicySpec } from '#shared/policy/policy-schema.ts';
import compiled from './compiled-preset-sources.json' with { type: 'json' };
import { changedCalendars } from './policy-changes.ts';
import type { PolicyStore, PolicyVersionRecord } from './policy-store.ts';
import { PRESET_IDS } from './preset-ids.ts';
import { compiledPresetSpecs } from './presets.ts';

/** Per preset and version: the document as written (the YAML as JSON text), what `npm run compile-presets` writes. */
export type PresetSources = Readonly<Record<string, Readonly<Record<string, string>>>>;

const SOURCES = compiled as unknown as PresetSources;

/** Who the seeded versions say published them. */
export const SEEDER = 'preset-seed';

/** Every preset version as a stored record (oldest first per preset). */
export function presetVersionRecords(now: number): PolicyVersionRecord[] {
  return PRESET_IDS.flatMap((id) => {
    const specs = compiledPresetSpecs(id);
    const versions = Object.keys(specs)
      .map(Number)
      .sort((a, b) => a - b);
    return versions.map((version, i) => {
      const spec = specs[String(version)] as string;
      const parsed = JSON.parse(spec) as PolicySpec;
      const previous = i === 0 ? undefined : specs[String(versions[i - 1])];
      const calendarsChanged =
        previous !== undefined && changedCalendars(Policy.fromSpec(JSON.parse(previous) as PolicySpec), Policy.fromSpec(parsed)).length > 0;
      return {
        id,
        version,
        name: parsed.name,
        document: JSON.parse(SOURCES[id]?.[String(version)] ?? '{}') as Record<string, unknown>,
        spec,
        publishedBy: SEEDER,
        publishedAt: now,
        calendarsChanged,
      };
    });
  });
}

/** Writes the preset versions the store lacks; returns how many it wrote. */
export async function seedPresetPolicies(store: PolicyStore, now: number): Promise<number> {
  let written = 0;
  for (const record of presetVersionRecords(now)) {
    const head = await store.head(record.id);
    if (head !== undefined && head.latest >= record.version) continue;
    const outcome = await store.publish(record, { id: record.id, name: record.name, latest: record.version, preset: true, updatedAt: now });
    if (outcome === 'published') written++;
  }
  return written;
}
