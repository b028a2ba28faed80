/**
 * The esbuild settings of the Lambda bundles, shared by the CDK construct, `npm run build`, the
 * cold-start benchmark and the bundle tests. No CDK import here, so building a bundle does not
 * load aws-cdk-lib.
 */

import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

export const PROJECT_ROOT = join(import.meta.dirname, '../..');

/** The bundling props of the CDK's NodejsFunction (`SlaFunction` adds the ESM output format). */
export const BUNDLING = {
  target: 'node24',
  minify: true,
  sourceMap: true,
  // Stack traces only need the mappings; without the sources the map is a third of the size, and
  // Node parses it at every cold start (see RUNTIME_NODE_OPTIONS).
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // Some dependencies are CommonJS and call require(): give ESM bundles one.
  banner: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  externalModules: [],
} as const;

/**
 * Node options of every deployed function: stack traces in the logs point into our TypeScript.
 * The price is parsing the source map at each cold start (`lambda.coldImport` measures it too).
 */
export const RUNTIME_NODE_OPTIONS = '--enable-source-maps';

/** The same settings as esbuild options, for bundling one entry outside the CDK. */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
  };
}
