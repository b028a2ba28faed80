/**
 * The presets as the service uses them: compiled from the YAML files beside this module into
 * `compiled-presets.json`, already validated into policy specs (public holidays written out as
 * dates), so neither holiday rules nor the policy schema are needed at run time. Each version's
 * spec is parsed into a `Policy` the first time it is asked for. A ticket loads the exact version
 * it was opened under.
 */

import { DomainError } from '#shared/domain-error.ts';
import { Policy } from '#shared/policy/policy.ts';
import type { PolicySpec } from '#shared/policy/policy-schema.ts';
import documents from './compiled-preset-documents.json' with { type: 'json' };
import compiled from './compiled-presets.json' with { type: 'json' };
import type { PolicyHead } from './policy-store.ts';
import { isPresetId, PRESET_IDS } from './preset-ids.ts';

export { isPresetId, PRESET_IDS, type PresetId } from './preset-ids.ts';

/** What `npm run compile-presets` writes (see `infra/compilers/compile-presets.ts`). */
export interface CompiledPresets {
  /** Per preset: the current version and every version's spec as JSON text (holidays as dates). */
  readonly presets: Readonly<Record<string, { readonly current: number; readonly versions: Readonly<Record<string, string>> }>>;
}

/** Per preset: the current version's document as JSON text, the YAML with holidays as dates. */
export type PresetDocuments = Readonly<Record<string, string>>;

const COMPILED = compiled as unknown as CompiledPresets;
const cache = new WeakMap<CompiledPresets, Map<string, Policy>>();

/** The YAML source of a preset (for the compiler and for people). */
export function presetFile(id: string): URL {
  return new URL(`./${id}.yaml`, import.meta.url);
}

export function loadPreset(id: string): Policy {
  return loadPolicyVersion(id, COMPILED.presets[id]?.current as number);
}

/**
 * The exact policy a ticket was opened under. To change a preset, raise its `version` and move the
 * old file to `archive/<id>.v<version>.yaml`, then run `npm run compile-presets`. A version that
 * was not kept is a deployment error.
 */
export function loadPolicyVersion(id: string, version: number, presets: CompiledPresets = COMPILED): Policy {
  if (!isPresetId(id)) throw new DomainError('unknown_policy', `no preset "${id}" (presets: ${PRESET_IDS.join(', ')})`);
  let loaded = cache.get(presets);
  if (loaded === undefined) {
    loaded = new Map();
    cache.set(presets, loaded);
  }
  const key = `${id}@${version}`;
  let policy = loaded.get(key);
  if (policy === undefined) {
    const entry = presets.presets[id];
    const spec = entry?.versions[String(version)];
    if (spec === undefined) {
      throw new DomainError(
        'policy_mismatch',
        `policy ${id} v${version} is neither the current preset (v${entry?.current}) nor archived as archive/${id}.v${version}.yaml`,
      );
    }
    policy = Policy.fromSpec(JSON.parse(spec) as PolicySpec);
    loaded.set(key, policy);
  }
  return policy;
}

/**
 * Stored (non-preset) versions this process has read, by `id@version`: versions are immutable, so
 * one read serves the life of the process. The policy catalog (catalog.ts) fills it; the
 * synchronous `policyOf` reads it.
 */
const KEPT = new Map<string, Policy>();
const COMBINED = new Map<string, Policy>();

/** Keeps a version read from the store for `policyOf` (a preset version is never kept: it is compiled in). */
export function keepPolicyVersion(policy: Policy): void {
  if (compiledPresetVersion(policy.id, policy.version) === undefined) KEPT.set(`${policy.id}@${policy.version}`, policy);
}

/** A version this process knows without I/O: a compiled preset's, or a stored one the catalog has read. */
export function knownPolicyVersion(id: string, version: number): Policy | undefined {
  return compiledPresetVersion(id, version) ?? KEPT.get(`${id}@${version}`);
}

/**
 * The policy of a ticket's SLA snapshot: the version it was opened under, with the calendars of
 * `calendarsVersion` when a calendar change has reached it. A stored version must have been read
 * by the policy catalog first (`PolicyCatalog.forTicket`); otherwise this is a `policy_mismatch`.
 */
export function policyOf(sla: {
  readonly policyId: string;
  readonly policyVersion: number;
  readonly calendarsVersion?: number | undefined;
}): Policy {
  const own = requiredVersion(sla.policyId, sla.policyVersion);
  if (sla.calendarsVersion === undefined || sla.calendarsVersion === sla.policyVersion) return own;
  const key = `${sla.policyId}@${sla.policyVersion}+${sla.calendarsVersion}`;
  let combined = COMBINED.get(key);
  if (combined === undefined) {
    combined = own.withCalendarsOf(requiredVersion(sla.policyId, sla.calendarsVersion));
    COMBINED.set(key, combined);
  }
  return combined;
}

function requiredVersion(id: string, version: number): Policy {
  const known = knownPolicyVersion(id, version);
  if (known !== undefined) return known;
  if (isPresetId(id)) return loadPolicyVersion(id, version);
  throw new DomainError('policy_mismatch', `policy ${id} v${version} has not been read from the store in this process`);
}

/** A version of a preset as compiled into the service, or `undefined` (no I/O, no error). */
export function compiledPresetVersion(id: string, version: number): Policy | undefined {
  if (!isPresetId(id) || COMPILED.presets[id]?.versions[String(version)] === undefined) return undefined;
  return loadPolicyVersion(id, version);
}

/** A preset's compiled specs by version (JSON text), for seeding. */
export function compiledPresetSpecs(id: string): Readonly<Record<string, string>> {
  return COMPILED.presets[id]?.versions ?? {};
}

/** The presets' heads as compiled (before seeding stores them; `updatedAt` 0). */
export function compiledPresetHeads(): PolicyHead[] {
  return PRESET_IDS.map((id) => ({
    id,
    name: loadPreset(id).spec.name,
    latest: COMPILED.presets[id]?.current as number,
    preset: true,
    updatedAt: 0,
  }));
}

/** A preset as written (durations as text; holidays as compiled dates), for people and API clients. */
export function presetDocument(id: string): unknown {
  const document = (documents as PresetDocuments)[id];
  return document === undefined ? undefined : JSON.parse(document);
}
