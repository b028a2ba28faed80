/** A console build in a temporary directory, for synthesising the CDK app without building the web app. */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function consoleSiteFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sla-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/main-3F2A.js"></script>\n');
  writeFileSync(join(dir, 'assets', 'main-3F2A.js'), 'document.title = "sla-escalator";\n');
  return dir;
}
