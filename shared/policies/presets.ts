/**
 * The five seed policies shipped as presets. Each is a YAML file beside this module, validated
 * the first time it is asked for.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DomainError } from '#shared/domain-error.ts';
import { Policy } from '#shared/policy/policy.ts';

export const PRESET_IDS = ['kore', 'kidzonet', 'netcor', 'tiered', 'kolmisoft'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const loaded = new Map<string, Policy>();

export function isPresetId(name: string): name is PresetId {
  return (PRESET_IDS as readonly string[]).includes(name);
}

export function presetFile(id: PresetId): URL {
  return new URL(`./${id}.yaml`, import.meta.url);
}

export function loadPreset(id: string): Policy {
  if (!isPresetId(id)) throw new DomainError('unknown_policy', `no preset "${id}" (presets: ${PRESET_IDS.join(', ')})`);
  let policy = loaded.get(id);
  if (policy === undefined) {
    policy = Policy.parse(readFileSync(presetFile(id), 'utf8'), `${id}.yaml`);
    loaded.set(id, policy);
  }
  return policy;
}

const PRESET_DIRECTORY = new URL('./', import.meta.url);
const versions = new Map<string, Policy>();

/**
 * The exact policy a ticket was opened under: the current preset if its version matches, else the
 * archived file `archive/<id>.v<version>.yaml`. A version found in neither place is a deployment
 * error (a preset was changed without archiving the old version).
 */
export function loadPolicyVersion(id: string, version: number, directory: URL = PRESET_DIRECTORY): Policy {
  if (!isPresetId(id)) throw new DomainError('unknown_policy', `no preset "${id}" (presets: ${PRESET_IDS.join(', ')})`);
  const key = `${directory.href}|${id}|${version}`;
  const cached = versions.get(key);
  if (cached !== undefined) return cached;
  const current =
    directory === PRESET_DIRECTORY ? loadPreset(id) : Policy.parse(readFileSync(new URL(`${id}.yaml`, directory), 'utf8'), `${id}.yaml`);
  let policy = current;
  if (current.version !== version) {
    const file = new URL(`archive/${id}.v${version}.yaml`, directory);
    if (!existsSync(file)) {
      throw new DomainError(
        'policy_mismatch',
        `policy ${id} v${version} is neither the current preset (v${current.version}) nor archived as archive/${id}.v${version}.yaml`,
      );
    }
    policy = Policy.parse(readFileSync(file, 'utf8'), `archive/${id}.v${version}.yaml`);
    if (policy.id !== id || policy.version !== version)
      throw new DomainError('policy_mismatch', `archive/${id}.v${version}.yaml declares ${policy.id} v${policy.version}`);
  }
  versions.set(key, policy);
  return policy;
}

/** The policy of a ticket's SLA snapshot. */
export function policyOf(sla: { readonly policyId: string; readonly policyVersion: number }): Policy {
  return loadPolicyVersion(sla.policyId, sla.policyVersion);
}

/** Every archived preset file, for the tests that keep them valid. */
export function archivedPresetFiles(): string[] {
  const directory = new URL('./archive/', import.meta.url);
  return readdirSync(directory).filter((name) => name.endsWith('.yaml'));
}

/** A preset as written (durations as text), for people and API clients to read. */
export function presetDocument(id: PresetId): unknown {
  return parse(readFileSync(presetFile(id), 'utf8'));
}
