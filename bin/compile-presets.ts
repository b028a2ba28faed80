/** `npm run compile-presets`: rewrites shared/policies/compiled-presets.json from the YAML presets. */

import { writeFileSync } from 'node:fs';
import { compilePresets } from '#shared/policies/compile-presets.ts';

const target = new URL('../shared/policies/compiled-presets.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(compilePresets())}\n`);
console.log(`wrote ${target.pathname}`);
