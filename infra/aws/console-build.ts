/**
 * Builds the console before the CDK app synthesises, as NodejsFunction bundles each function: the
 * app deploys whatever `web/build.ts` writes into `dist/web`. No CDK import here.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './bundling.ts';

export const CONSOLE_BUILD_DIR = join(PROJECT_ROOT, 'dist', 'web');

/** web/build.ts's entry point. */
type BuildWeb = (options: { outDir: string; minify?: boolean }) => Promise<unknown>;

/** Builds the console (minified) into `outDir` and returns it; fails when the build wrote no index.html. */
export async function buildConsole(outDir = CONSOLE_BUILD_DIR): Promise<string> {
  // Imported by path: the console's build module belongs to the web app, which the CDK app does not type-check.
  const { buildWeb } = (await import(join(PROJECT_ROOT, 'web', 'build.ts'))) as { buildWeb: BuildWeb };
  await buildWeb({ outDir, minify: true });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error(`the console build wrote no index.html into ${outDir}`);
  return outDir;
}
