/** `npm run compile-presets`: rewrites shared/policies/compiled-presets.json and compiled-preset-documents.json from the YAML presets. */

import { writeFileSync } from 'node:fs';
import { compilePresets } from '#shared/policies/compile-presets.ts';

const { specs, documents } = compilePresets();
for (const [file, content] of [
  ['compiled-presets.json', specs],
  ['compiled-preset-documents.json', documents],
] as const) {
  const target = new URL(`../shared/policies/${file}`, import.meta.url);
  writeFileSync(target, `${JSON.stringify(content)}\n`);
  console.log(`wrote ${target.pathname}`);
}
