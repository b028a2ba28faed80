import { describe, expect, it } from 'vitest';
import compiledOpenApi from '../../functions/api/compiled-openapi.json' with { type: 'json' };
import { openApiDocument } from '../../functions/api/openapi.ts';

describe('the compiled OpenAPI document', () => {
  it('matches the route table and its schemas (run `npm run compile-openapi` after changing one)', () => {
    expect(compiledOpenApi).toBe(JSON.stringify(openApiDocument()));
  });
});
