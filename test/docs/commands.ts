/**
 * Whether a command the docs show still works: the npm script exists and declares every flag
 * shown, an `sla` command is one the CLI offers (and a concrete dry run prints what the page
 * shows), a file run by `npx tsx` or `bash` exists, and a `curl` names a route the API or the
 * local stack serves. Commands that would need a deployment, a running stack or minutes of
 * benchmarking are checked without being run.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { run } from '../../bin/cli.ts';
import { matchRoute } from '../../functions/api/routes.ts';
import { ROOT, type ShownCommand } from './markdown.ts';

const scripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts;

/** Tools of the reader's machine, not ours: nothing of the project to check. */
const EXTERNAL = new Set(['export', 'aws']);
/** `sla` commands that compute from files alone, so a concrete one shown in a shell block is run. */
const DRY_RUNS = new Set(['validate', 'plan', 'calendar']);
/** A placeholder in a command line: `<preset|file>`, `(--calendar FILE | …)`, `S`, `ISO`. */
const PLACEHOLDER = /[<>()|…]|^[A-Z]+$/;

async function sla(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: () => '' });
  return { code, stdout, stderr };
}

const usage = (await sla(['help'])).stdout
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.startsWith('sla '));

/** What is wrong with a shown command; empty when it works. */
export async function commandProblems(shown: ShownCommand): Promise<string[]> {
  const command = shown.command.trim();
  const words = command.split(/\s+/);
  // `SLA_CLOCK=manual npm start`: the settings in front of a command are the reader's to choose.
  while (words[0] !== undefined && /^[A-Z_][A-Z0-9_]*=\S*$/.test(words[0])) words.shift();
  const [program] = words;
  if (program === undefined) return [];
  if (EXTERNAL.has(program)) return [];
  switch (program) {
    case 'npm':
      return npmProblems(
        words.map(unbracket).filter((w) => w !== ''),
        shown,
      );
    case 'sla':
      return slaProblems(
        words
          .slice(1)
          .map(unbracket)
          .filter((w) => w !== ''),
        shown,
      );
    case 'npx':
      if (words[1] === 'tsx') return fileProblems(words[2]);
      return existsSync(join(ROOT, 'node_modules/.bin', words[1] ?? '')) ? [] : [`${command}: no ${words[1]} in node_modules/.bin`];
    case 'bash':
      return fileProblems(words[1]);
    case 'curl':
      return curlProblems(command);
    case 'node':
      return requireProblems(command);
    default:
      return [`${command}: no check for "${program}" commands; teach test/docs/commands.ts how to check it`];
  }
}

/** `[-- --json]` → `-- --json`: optional parts are checked like the rest. */
const unbracket = (word: string) => word.replace(/^\[|\]$/g, '');

function fileProblems(file: string | undefined): string[] {
  return file !== undefined && existsSync(join(ROOT, file)) ? [] : [`${file ?? '(no file)'} does not exist`];
}

async function npmProblems(words: readonly string[], shown: ShownCommand): Promise<string[]> {
  const [, verb = '', ...rest] = words;
  if (verb === 'ci') return [];
  if (verb === 'test' || verb === 'start') return scripts[verb] === undefined ? [`no "${verb}" script`] : [];
  if (verb !== 'run') return [`npm ${verb}: not a command the docs should show`];
  const name = rest.find((word) => !word.startsWith('-'));
  if (name === undefined) return [];
  const script = scripts[name];
  if (script === undefined) return [`npm run ${name}: no such script in package.json`];
  const separator = rest.indexOf('--');
  const args = separator === -1 ? [] : rest.slice(separator + 1).filter((word) => word !== '--');
  if (name === 'sla') return slaProblems(args, shown);
  return flagProblems(name, script, args);
}

/** Every `--flag` shown is declared by the script's `parseArgs` options. */
function flagProblems(name: string, script: string, args: readonly string[]): string[] {
  const flags = args.filter((arg) => arg.startsWith('--')).map((arg) => (arg.slice(2).split('=')[0] as string).replace(/\]$/, ''));
  if (flags.length === 0) return [];
  const file = /\btsx (\S+\.ts)/.exec(script)?.[1];
  if (file === undefined) return [`npm run ${name} takes no arguments, but the docs pass ${flags.join(', ')}`];
  const source = readFileSync(join(ROOT, file), 'utf8');
  return flags
    .filter((flag) => !new RegExp(`^\\s*'?${flag.replace(/[-]/g, '\\-')}'?: \\{ type:`, 'm').test(source))
    .map((flag) => `npm run ${name}: ${file} declares no --${flag}`);
}

async function slaProblems(args: readonly string[], shown: ShownCommand): Promise<string[]> {
  const [sub] = args;
  if (sub === undefined || /[<>]/.test(sub)) return [];
  const text = `sla ${args.join(' ')}`;
  if (DRY_RUNS.has(sub) && !shown.inline && !args.some((arg) => PLACEHOLDER.test(arg))) {
    const { code, stdout, stderr } = await sla(args);
    if (code !== 0) return [`${text}: exit ${code}: ${stderr.trim()}`];
    if (shown.output !== undefined && stdout.trimEnd() !== shown.output) return [`${text}: prints\n${stdout}\nnot what the docs show`];
    return [];
  }
  const lines = usage.filter((line) => line.startsWith(`sla ${sub} `) || line === `sla ${sub}`);
  const forms = sub === 'calendar' ? lines.filter((line) => line.startsWith(`sla calendar ${args[1]} `)) : lines;
  if (forms.length === 0) return [`${text}: the CLI's usage has no "sla ${sub === 'calendar' ? `calendar ${args[1]}` : sub}"`];
  return args
    .filter((arg) => arg.startsWith('--'))
    .filter((flag) => !forms.some((line) => new RegExp(`(^|[\\s(\\[])${flag}(?=[\\s)\\]]|$)`).test(line)))
    .map((flag) => `${text}: the CLI's usage of "${sub}" has no ${flag}`);
}

/** The local stack's own endpoints (`/_local/…`): a line of its sources names both the method and the path. */
function localEndpointServed(method: string, path: string): boolean {
  const sources = readdirSync(join(ROOT, 'infra'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  return sources.some((source) => source.split('\n').some((line) => line.includes(`'${path}'`) && line.includes(`'${method}'`)));
}

/** Whether the API's route table or the local stack serves `METHOD /path` (query strings ignored). */
export function served(method: string, target: string): boolean {
  const path = target.split('?')[0] as string;
  if (path.startsWith('/_local/')) return localEndpointServed(method, path);
  const matched = matchRoute(method, path);
  return matched !== undefined && 'route' in matched;
}

function curlProblems(command: string): string[] {
  const url = /(?:https?:\/\/)?(?:localhost|127\.0\.0\.1):\d+(\/\S*)/.exec(command);
  if (url === null) return [`${command}: no local URL`];
  const method = /\s-X\s+(\w+)/.exec(command)?.[1] ?? (/\s-d\s/.test(command) ? 'POST' : 'GET');
  const path = (url[1] as string).replace(/["']$/, '');
  return served(method, path) ? [] : [`${command}: nothing serves ${method} ${path}`];
}

/** `node -e "require('x')…"`: every module it requires resolves from the repository. */
function requireProblems(command: string): string[] {
  const require = createRequire(join(ROOT, 'package.json'));
  return [...command.matchAll(/require\('([^']+)'\)/g)].flatMap(([, name]) => {
    try {
      require.resolve(name as string);
      return [];
    } catch {
      return [`${command}: ${name} is not installed`];
    }
  });
}
