/** Parses YAML text and validates it with a zod schema, turning every problem into a field path. */

import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { InvalidConfigError } from './policy-error.ts';
import { validateConfig } from './validate-config.ts';

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
