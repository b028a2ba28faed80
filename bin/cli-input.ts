/** What every `sla` command shares: its streams, its two kinds of failure and the readers of its flags and files. */

import { readFileSync } from 'node:fs';
import { isPresetId, loadPreset } from '#shared/policies/presets.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { INSTANT_HINT, parseInstant } from '#shared/time/instant.ts';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: () => string;
}

/** A wrong invocation: exit 2. */
export class UsageError extends Error {}
/** Input that cannot be used (a file, a policy, a batch line): exit 1. */
export class InputError extends Error {}

/** `parseArgs` option kinds: a flag with a value, and a switch (off unless given). */
export const VALUE = { type: 'string' } as const;
export const SWITCH = { type: 'boolean', default: false } as const;

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

export function instant(text: string, flag: string): number {
  const value = parseInstant(text);
  if (value === undefined) throw new UsageError(`${flag}: ${INSTANT_HINT}, got "${text}"`);
  return value;
}

export function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${file}${code === 'ENOENT' ? ': no such file (and not a preset)' : code ? `: ${code}` : ''}`);
  }
}

/** A preset by id, else a policy file. */
export function policyOf(nameOrFile: string): Policy {
  if (isPresetId(nameOrFile)) return loadPreset(nameOrFile);
  return parsePolicy(readText(nameOrFile), nameOrFile);
}
