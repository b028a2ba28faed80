/**
 * `npm run compile-openapi`: rewrites functions/api/compiled-openapi.json from the route table. The
 * document is kept as JSON text (a JSON string): the API parses it when it is asked for, and a
 * string literal costs its cold start far less than the same document as an object literal.
 */

import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../functions/api/openapi.ts';

const target = new URL('../functions/api/compiled-openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(JSON.stringify(openApiDocument()))}\n`);
console.log(`wrote ${target.pathname}`);
