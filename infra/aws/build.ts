/** `npm run build`: each function bundled with the same esbuild settings the CDK uses, into dist/<function>/index.mjs. */

import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { build } from 'esbuild';
import { assertCompiledFilesFresh } from '../compilers/compiled-files.ts';
import { esbuildOptions, PROJECT_ROOT } from './bundling.ts';
import type { FunctionName } from './sla-function.ts';

/** Every function: each has an environment schema (see sla-function.ts). */
export const FUNCTIONS = [
  'api',
  'schedule-sync',
  'notify',
  'inbound-email',
  'outbound-mail',
  'sweeper',
  'pre-token',
  'webhook-fanout',
  'webhook-sender',
  'sms-inbound',
  'contracts',
  'policy-publisher',
  'policy-seed',
] as const satisfies readonly FunctionName[];

/** `tsc` fails here, naming the function, when a function with an environment schema is missing above. */
const everyFunction: [Exclude<FunctionName, (typeof FUNCTIONS)[number]>] extends [never]
  ? true
  : Exclude<FunctionName, (typeof FUNCTIONS)[number]> = true;
void everyFunction;

export async function bundle(name: string, outdir: string, entry = join(PROJECT_ROOT, 'functions', name, 'handler.ts')): Promise<number> {
  // A fresh directory: nothing from an earlier build may ride along in the asset. Only under dist/.
  if (!resolve(outdir).startsWith(`${join(PROJECT_ROOT, 'dist')}${sep}`)) throw new Error(`bundles go under dist/, not ${outdir}`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({ ...esbuildOptions(entry, join(outdir, 'index.mjs')), logLevel: 'warning' });
  return statSync(join(outdir, 'index.mjs')).size;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  assertCompiledFilesFresh();
  for (const name of FUNCTIONS) {
    const bytes = await bundle(name, join(PROJECT_ROOT, 'dist', name));
    console.log(`dist/${name}/index.mjs  ${(bytes / 1024).toFixed(0)} KiB`);
  }
}
