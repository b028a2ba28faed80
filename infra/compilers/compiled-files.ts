/**
 * The committed files compiled from sources: the presets (from their YAML) and the OpenAPI
 * document (from the route table). `npm run compile-presets` and `npm run compile-openapi` write
 * them; `npm run build` and `cdk synth` refuse to bundle while one is stale, so no deploy ships
 * presets or an API description that differ from the sources.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePresets } from './compile-presets.ts';
import { openApiDocument } from './openapi-document.ts';

/** The npm scripts that write compiled files. */
export const SCRIPTS = ['compile-presets', 'compile-openapi'] as const;

interface CompiledFile {
  readonly path: string;
  readonly content: string;
  /** The script that writes it. */
  readonly script: (typeof SCRIPTS)[number];
}

const file = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/** The OpenAPI document the API serves (a JSON string of the document). */
export const COMPILED_OPENAPI = file('functions/api/compiled-openapi.json');

export function compiledFiles(script?: CompiledFile['script']): CompiledFile[] {
  const all: CompiledFile[] = [];
  if (script === undefined || script === 'compile-presets') {
    const { specs, documents, sources } = compilePresets();
    all.push(
      { path: file('shared/policies/compiled-presets.json'), content: `${JSON.stringify(specs)}\n`, script: 'compile-presets' },
      {
        path: file('shared/policies/compiled-preset-documents.json'),
        content: `${JSON.stringify(documents)}\n`,
        script: 'compile-presets',
      },
      // Every version as written, for seeding the stored policies (the policy publisher's only).
      { path: file('shared/policies/compiled-preset-sources.json'), content: `${JSON.stringify(sources)}\n`, script: 'compile-presets' },
    );
  }
  if (script === undefined || script === 'compile-openapi') {
    // JSON text inside JSON: the API parses it when asked, and a string literal costs a cold start
    // far less than the same document as an object literal.
    const content = `${JSON.stringify(JSON.stringify(openApiDocument()))}\n`;
    all.push({ path: COMPILED_OPENAPI, content, script: 'compile-openapi' });
  }
  return all;
}

export function writeCompiledFiles(script: CompiledFile['script']): void {
  for (const { path, content } of compiledFiles(script)) {
    writeFileSync(path, content);
    console.log(`wrote ${path}`);
  }
}

/** Throws, naming the script to run, when a committed compiled file differs from its sources. */
export function assertCompiledFilesFresh(read = (path: string) => readFileSync(path, 'utf8')): void {
  const stale = compiledFiles().filter(({ path, content }) => read(path) !== content);
  if (stale.length > 0) {
    const scripts = [...new Set(stale.map((s) => `npm run ${s.script}`))].join(' and ');
    throw new Error(`${stale.map((s) => s.path).join(', ')} differ from their sources: run ${scripts}`);
  }
}
