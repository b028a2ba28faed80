/**
 * The five seed policies shipped as presets. Each is a YAML file beside this module, validated
 * the first time it is asked for.
 */

import { readFileSync } from 'node:fs';
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

/** A preset as written (durations as text), for people and API clients to read. */
export function presetDocument(id: PresetId): unknown {
  return parse(readFileSync(presetFile(id), 'utf8'));
}
