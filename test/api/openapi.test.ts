import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertCompiledFilesFresh, compiledFiles } from '../../infra/compilers/compiled-files.ts';

describe('the compiled OpenAPI document', () => {
  it('matches the route table and its schemas (run `npm run compile-openapi` after changing one)', () => {
    for (const { path, content } of compiledFiles('compile-openapi')) expect(readFileSync(path, 'utf8')).toBe(content);
  });
});

describe('builds and synths', () => {
  it('refuse stale compiled files and name the script that refreshes them', () => {
    expect(() => assertCompiledFilesFresh()).not.toThrow();
    const stale = (suffix: string) => (path: string) => (path.endsWith(suffix) ? '"old"\n' : readFileSync(path, 'utf8'));
    expect(() => assertCompiledFilesFresh(stale('compiled-openapi.json'))).toThrow(
      /compiled-openapi\.json differ from their sources: run npm run compile-openapi$/,
    );
    expect(() => assertCompiledFilesFresh(stale('compiled-presets.json'))).toThrow(/run npm run compile-presets$/);
  });
});
