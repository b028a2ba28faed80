/**
 * `npm run compile-presets`: rewrites shared/policies/compiled-presets.json and compiled-preset-documents.json from the YAML presets.
 * `npm run compile-openapi`: rewrites functions/api/compiled-openapi.json from the route table and its schemas.
 */

import { SCRIPTS, writeCompiledFiles } from './compiled-files.ts';

const script = SCRIPTS.find((name) => name === process.argv[2]);
if (script === undefined) {
  console.error(`usage: write-compiled-files.ts ${SCRIPTS.join('|')}`);
  process.exitCode = 2;
} else writeCompiledFiles(script);
