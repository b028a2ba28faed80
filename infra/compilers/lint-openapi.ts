/**
 * `npm run lint-openapi`: Redocly's recommended rules over the compiled OpenAPI document, each as an error
 * (`recommended-strict`), so a warning fails too. The committed file is the document as a JSON string (see compiled-files.ts), so
 * the linter reads a decoded copy.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILED_OPENAPI } from './compiled-files.ts';

const redocly = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
try {
  const document = join(dir, 'openapi.json');
  writeFileSync(document, JSON.parse(readFileSync(COMPILED_OPENAPI, 'utf8')) as string);
  const lint = spawnSync(redocly, ['lint', document, '--extends=recommended-strict', '--max-problems=50'], { stdio: 'inherit' });
  process.exitCode = lint.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
