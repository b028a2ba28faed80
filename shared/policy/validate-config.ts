/** Validates a parsed document with a zod schema, turning every problem into a field path. */

import type { z } from 'zod';
import type { FieldError } from '#shared/domain-error.ts';
import { formatPath, InvalidConfigError } from './policy-error.ts';

export function validateConfig<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  // With the input in each issue, a missing field (input undefined) can be told from a wrong type.
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems: FieldError[] = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: describeIssue(issue) }));
  throw new InvalidConfigError(source, problems);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `required (expected ${issue.expected})`;
  return issue.message;
}
