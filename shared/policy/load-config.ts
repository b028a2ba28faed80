/** Parses YAML text and validates it with a zod schema, turning every problem into a field path. */

import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { type FieldProblem, formatPath, InvalidConfigError } from './policy-error.ts';

export function parseConfig<S extends z.ZodType>(schema: S, text: string, source: string): z.output<S> {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new InvalidConfigError(
      source,
      document.errors.map((error) => {
        const where = error.linePos?.[0];
        const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        return { path: '', message: `${where ? `line ${where.line}, column ${where.col}: ` : ''}${message}` };
      }),
    );
  }
  return validateConfig(schema, document.toJS(), source);
}

/** Validates an already-parsed document (a compiled preset, say), reporting every problem with its path. */
export function validateConfig<S extends z.ZodType>(schema: S, value: unknown, source: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: describeIssue(issue),
  }));
  throw new InvalidConfigError(source, problems);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `required (expected ${issue.expected})`;
  return issue.message;
}
