/**
 * Builds the console: one esbuild run over `web/src/main.tsx` into `<outDir>/assets/` (hashed
 * names, split chunks for the pages loaded on demand, one stylesheet) and an `index.html` that
 * names them. No inline script or style, so the content security policy can forbid both
 * (`infra/console-headers.ts`).
 *
 *   npx tsx web/build.ts [outDir]     (default dist/web)
 */

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const ENTRY = join(import.meta.dirname, 'src/main.tsx');

export interface WebBuild {
  /** What the first page loads: the entry script and every chunk it imports statically, with the stylesheet. */
  readonly firstPage: { readonly scripts: readonly string[]; readonly stylesheet?: string };
  /** The built files (relative to outDir) with their contents, for measuring. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

export async function buildWeb(options: { outDir: string; minify?: boolean }): Promise<WebBuild> {
  const outDir = resolve(options.outDir);
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['chrome120', 'firefox120', 'safari17'],
    minify: options.minify ?? true,
    sourcemap: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });
  const files = new Map<string, Uint8Array>();
  for (const file of result.outputFiles) {
    await writeFile(file.path, file.contents);
    files.set(relative(outDir, file.path), file.contents);
  }
  const firstPage = firstPageOf(result.metafile, outDir);
  const html = indexHtml(firstPage);
  await writeFile(join(outDir, 'index.html'), html);
  files.set('index.html', new TextEncoder().encode(html));
  return { firstPage, files };
}

/** The entry's script, the chunks it imports statically (transitively), and its stylesheet; paths relative to outDir. */
function firstPageOf(metafile: Metafile, outDir: string): WebBuild['firstPage'] {
  const outputs = metafile.outputs;
  // Pages loaded on demand are entry points too: the entry is the output of main.tsx.
  const entry = Object.keys(outputs).find((path) => {
    const from = outputs[path]?.entryPoint;
    return from !== undefined && resolve(from) === ENTRY && path.endsWith('.js');
  });
  if (entry === undefined) throw new Error('web build: no entry script in the output');
  const scripts: string[] = [];
  const visit = (path: string) => {
    if (scripts.includes(path)) return;
    scripts.push(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  const css = outputs[entry]?.cssBundle;
  const rel = (path: string) => relative(outDir, resolve(path));
  return { scripts: scripts.map(rel), ...(css !== undefined && { stylesheet: rel(css) }) };
}

function indexHtml({ scripts, stylesheet }: WebBuild['firstPage']): string {
  const [entry, ...chunks] = scripts;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>sla-escalator</title>',
    ...(stylesheet === undefined ? [] : [`<link rel="stylesheet" href="/${stylesheet}">`]),
    ...chunks.map((chunk) => `<link rel="modulepreload" href="/${chunk}">`),
    `<script type="module" src="/${entry}"></script>`,
    '</head>',
    '<body><div id="app"></div><noscript>The sla-escalator console needs JavaScript.</noscript></body>',
    '</html>',
    '',
  ].join('\n');
}

/** Bytes of the first page's scripts after gzip (level 9), what the budget counts. */
export function firstPageGzipBytes(web: WebBuild): number {
  return web.firstPage.scripts.reduce((sum, path) => sum + gzipSync(web.files.get(path) ?? new Uint8Array(), { level: 9 }).length, 0);
}

if (import.meta.main) {
  const outDir = process.argv[2] ?? 'dist/web';
  const web = await buildWeb({ outDir });
  console.log(`console built in ${outDir}: first page ${(firstPageGzipBytes(web) / 1024).toFixed(1)} KB of script (gzip)`);
}
