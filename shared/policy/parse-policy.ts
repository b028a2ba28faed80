/** Policy YAML → Policy, for authoring (the CLI, the preset compiler, tests); the service loads compiled presets. */

import { parseConfig } from './load-config.ts';
import { Policy } from './policy.ts';
import { policySchema } from './policy-schema.ts';

/** Parses and validates policy YAML; throws `InvalidConfigError` naming every bad field. */
export function parsePolicy(yamlText: string, source: string): Policy {
  return Policy.fromSpec(parseConfig(policySchema, yamlText, source));
}
