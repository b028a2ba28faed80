/** A policy or calendar file that cannot be used, with every problem and the path of its field. */

import type { FieldError } from '#shared/domain-error.ts';

export class InvalidConfigError extends Error {
  readonly code = 'invalid_config';

  constructor(
    readonly source: string,
    /** Paths like `severities.urgent.tiers.gold.response`; empty for the whole file. */
    readonly problems: readonly FieldError[],
  ) {
    super(problems.map((p) => `${source}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`).join('\n'));
    this.name = 'InvalidConfigError';
  }
}

/** `['severities', 'high', 'escalation', 0, 'page', 1]` → `severities.high.escalation[0].page[1]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
