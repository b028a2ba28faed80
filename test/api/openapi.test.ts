import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/api/routes.ts';
import { assertCompiledFilesFresh, compiledFiles } from '../../infra/compilers/compiled-files.ts';
import { openApiDocument } from '../../infra/compilers/openapi-document.ts';

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

describe('the OpenAPI document', () => {
  type Operation = { operationId: string; security: unknown[]; responses: Record<string, { $ref?: string; content?: object }> };
  const document = openApiDocument() as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown>; responses: Record<string, { content: object }> };
  };
  const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));

  it('names each operation once, in camelCase, with its security (none on the public routes)', () => {
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ROUTES.length);
    expect(ids.filter((id) => !/^[a-z][a-zA-Z]+$/.test(id))).toEqual([]);
    expect(document.paths['/health']?.get?.security).toEqual([]);
    expect(document.paths['/tickets']?.post?.security).toEqual([{ bearer: [] }]);
  });

  it('answers every error with a problem, and refers only to components it has', () => {
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.responses).filter(([status]) => Number(status) >= 400)) {
        const named = document.components.responses[response.$ref?.replace('#/components/responses/', '') ?? ''];
        expect(Object.keys(named?.content ?? {}), `${operation.operationId} ${status}`).toEqual(['application/problem+json']);
      }
    }
    const refs = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1] as string);
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([]);
    expect(document.paths['/tickets']?.post?.responses).toHaveProperty('429');
    expect(Object.keys(document.paths['/tickets/{caseId}']?.get?.responses ?? {})).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '413',
      '415',
      '500',
    ]);
  });
});
