/** The local stand-ins' state files: JSON kept where the data directory says, or nowhere (memory only). */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** What `file` holds, or `undefined` when there is no file (yet, or by choice). */
export function readJson<T>(file: string | undefined): T | undefined {
  return file !== undefined && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** Writes `value` to `file`, if there is one. */
export function writeJson(file: string | undefined, value: unknown): void {
  if (file !== undefined) writeFileSync(file, JSON.stringify(value));
}
