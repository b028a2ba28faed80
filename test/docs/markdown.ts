/**
 * What the documentation shows, read out of its Markdown: shell commands (with the output a page
 * shows for them), inline code, links and the paths it names. The docs tests check each of them
 * against the repository.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

export interface Page {
  /** Relative to the repository root, e.g. `docs/paging.md`. */
  readonly file: string;
  readonly text: string;
}

/** README.md and every page under docs/. */
export function documentationPages(): Page[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs].map(readPage);
}

export function readPage(file: string): Page {
  return { file, text: readFileSync(join(ROOT, file), 'utf8') };
}

interface Fence {
  readonly info: string;
  readonly lines: readonly string[];
}

/** The page split into fenced code blocks and the prose between them. */
function split(text: string): { fences: Fence[]; prose: string } {
  const fences: Fence[] = [];
  const prose: string[] = [];
  let open: { info: string; lines: string[] } | undefined;
  for (const line of text.split('\n')) {
    const fence = /^\s*```(.*)$/.exec(line);
    if (fence !== null) {
      if (open === undefined) open = { info: (fence[1] ?? '').trim(), lines: [] };
      else {
        fences.push(open);
        open = undefined;
      }
    } else if (open !== undefined) open.lines.push(line);
    else prose.push(line);
  }
  return { fences, prose: prose.join('\n') };
}

/** Every `inline code` span of the prose (headings and tables included), whitespace collapsed. */
export function inlineCode(text: string): string[] {
  return [...split(text).prose.matchAll(/`([^`]+)`/g)].map((m) => (m[1] as string).replace(/\s+/g, ' ').trim());
}

/** The yaml (or other) blocks tagged with `info`. */
export function fencedBlocks(text: string, info: string): string[] {
  return split(text)
    .fences.filter((fence) => fence.info === info)
    .map((fence) => fence.lines.join('\n'));
}

export interface ShownCommand {
  readonly command: string;
  /** Mentioned in prose (inline code) rather than shown to be run in a block. */
  readonly inline: boolean;
  /** The output the page prints under a `$ command` line, if any. */
  readonly output?: string;
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
const COMMAND_WORDS = /^(npm|npx|sla|bash) /;

/**
 * Every command a page shows: each line of a shell block (continuations and open quotes joined,
 * comments cut, `a && b` split), each `$ command` of an output block with the lines under it, and
 * inline code that starts with `npm`, `npx`, `sla` or `bash`.
 */
export function shownCommands(text: string): ShownCommand[] {
  const { fences } = split(text);
  const commands: ShownCommand[] = [];
  for (const fence of fences) {
    if (SHELL.has(fence.info)) {
      for (const line of logicalLines(fence.lines)) commands.push(...line.split(' && ').map((command) => ({ command, inline: false })));
      continue;
    }
    fence.lines.forEach((line, i) => {
      if (!line.startsWith('$ ')) return;
      const rest = fence.lines.slice(i + 1);
      const end = rest.findIndex((next) => next.startsWith('$ '));
      const output = (end === -1 ? rest : rest.slice(0, end)).join('\n').trim();
      commands.push({ command: line.slice(2).trim(), inline: false, ...(output !== '' && { output }) });
    });
  }
  for (const code of inlineCode(text)) if (COMMAND_WORDS.test(code)) commands.push({ command: code, inline: true });
  return commands;
}

/** Shell lines with `\` continuations and quotes left open joined, comments cut, comment lines dropped. */
function logicalLines(lines: readonly string[]): string[] {
  const joined: string[] = [];
  let pending = '';
  for (const line of lines) {
    pending = cutComment(pending === '' ? line : `${pending} ${line.trim()}`).trimEnd();
    if (pending.endsWith('\\')) {
      pending = pending.slice(0, -1).trimEnd();
      continue;
    }
    if (openQuote(pending)) continue;
    joined.push(pending);
    pending = '';
  }
  if (pending !== '') joined.push(pending);
  return joined.map((line) => line.trim().replace(/\s+/g, ' ')).filter((line) => line !== '');
}

function openQuote(line: string): boolean {
  let quote: string | undefined;
  for (const c of line) {
    if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = undefined;
  }
  return quote !== undefined;
}

/** Cuts a `# comment` (a whole comment line too) that is outside quotes. */
function cutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = undefined;
    else if (quote === undefined && c === '#' && /\s/.test(line[i - 1] ?? ' ')) return line.slice(0, i);
  }
  return line;
}

/** Relative link targets (`[text](target)`) of a page, without their `#anchor`. */
export function relativeLinks(text: string): string[] {
  return [...split(text).prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => (m[1] as string).split('#')[0] as string)
    .filter((target) => target !== '' && !/^[a-z]+:/.test(target));
}

/** The folders at the top of the repository that docs name paths under (`shared`, `functions`, `.ci`, …). */
const TOP_FOLDERS = new Set(
  readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !['node_modules', '.git', '.data', 'dist', 'cdk.out', 'coverage'].includes(entry.name))
    .map((entry) => entry.name),
);
const FILE_EXTENSION = /\.(ts|md|json|ya?ml|eml|sh)$/;

/**
 * Whether inline code names a repository path: slash-separated plain segments (no placeholders,
 * variables or spaces) that start at a top-level folder or end in a source file's extension.
 */
export function isRepositoryPath(code: string): boolean {
  if (!/^[\w.-]+(\/[\w.-]+)*\/?$/.test(code)) return false;
  const first = code.split('/')[0] as string;
  return code.includes('/') && (TOP_FOLDERS.has(first) || FILE_EXTENSION.test(code));
}

/** The repository paths a page names in inline code that do not exist. */
export function missingPaths(page: Page): string[] {
  return inlineCode(page.text).filter((code) => isRepositoryPath(code) && !existsSync(join(ROOT, code)));
}

/** The relative links of a page whose target does not exist. */
export function brokenLinks(page: Page): string[] {
  return relativeLinks(page.text).filter((target) => !existsSync(join(ROOT, dirname(page.file), target)));
}

/** Every file under a folder of the repository, relative to that folder. */
export function filesUnder(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(join(ROOT, folder), join(entry.parentPath, entry.name)))
    .sort();
}
