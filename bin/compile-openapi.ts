/** `npm run compile-openapi`: rewrites functions/api/compiled-openapi.json from the route table and its schemas. */

import { writeCompiledFiles } from '../infra/compiled-files.ts';

writeCompiledFiles('compile-openapi');
