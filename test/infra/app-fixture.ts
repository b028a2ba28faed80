/** What the CDK tests synthesise the app with: the deployment settings every test shares, and a console build. */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The settings a deployment must give (config.ts fills in the rest), for stage `test`. */
export const TEST_SETTINGS = {
  stage: 'test',
  supportDomain: 'support.example.com',
  mailBucketName: 'sla-escalator-test-mail',
  opsEmail: 'ops@example.com',
} as const;

/** A console build in a temporary directory, so the app synthesises without building the web app. */
export function consoleSiteFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sla-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/main-3F2A.js"></script>\n');
  writeFileSync(join(dir, 'assets', 'main-3F2A.js'), 'document.title = "sla-escalator";\n');
  return dir;
}
