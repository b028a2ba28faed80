/** `npm run compile-presets`: rewrites shared/policies/compiled-presets.json and compiled-preset-documents.json from the YAML presets. */

import { writeCompiledFiles } from '../infra/compiled-files.ts';

writeCompiledFiles('compile-presets');
