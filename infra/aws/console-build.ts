/**
 * Builds the console before the CDK app synthesises, as NodejsFunction bundles each function: the
 * app deploys whatever `web/build.ts` writes into `dist/web`. No CDK import here.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildWeb } from '../../web/build.ts';
import { PROJECT_ROOT } from './bundling.ts';

export const CONSOLE_BUILD_DIR = join(PROJECT_ROOT, 'dist', 'web');

/** Builds the console (minified) into `outDir` and returns it; fails when the build wrote no index.html. */
export async function buildConsole(outDir = CONSOLE_BUILD_DIR): Promise<string> {
  await buildWeb({ outDir, minify: true });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`the console build wrote no index.html into ${outDir}`);
  return outDir;
}
