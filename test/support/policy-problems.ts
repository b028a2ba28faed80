/** Policy-file fixtures for schema tests: variants of a valid file, and the problems a file is refused with. */

import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { InvalidConfigError } from '#shared/policy/policy-error.ts';

/** Replaces one exact piece of a valid policy, so each case breaks exactly one thing. */
export function variantOf(valid: string) {
  return (from: string, to: string): string => {
    if (!valid.includes(from)) throw new Error(`fixture does not contain ${from}`);
    return valid.replace(from, to);
  };
}

/** `path: message` of each problem of a policy file; none for a valid one. */
export function policyProblems(yaml: string, source = 'policy.yaml'): string[] {
  try {
    parsePolicy(yaml, source);
    return [];
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
}
