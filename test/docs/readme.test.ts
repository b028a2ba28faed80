/**
 * The README, the pages under docs/ and the folder READMEs stay true as the code moves: every
 * command they show works, every repository path, link and route they name exists, and the
 * folder READMEs list every file of their folder. Renaming a module fails here until the docs
 * follow.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import { commandProblems, served } from './commands.ts';
import {
  brokenLinks,
  documentationPages,
  fencedBlocks,
  filesUnder,
  inlineCode,
  isRepositoryPath,
  missingPaths,
  ROOT,
  readPage,
  relativeLinks,
  shownCommands,
} from './markdown.ts';

const pages = documentationPages();

describe('the README and docs/', () => {
  it("list every docs page in the README's contents", () => {
    const linked = relativeLinks(readPage('README.md').text).filter((target) => target.startsWith('docs/'));
    const docs = pages.map((page) => page.file).filter((file) => file.startsWith('docs/'));
    expect(docs.length).toBeGreaterThan(5);
    expect(docs.filter((file) => !linked.includes(file))).toEqual([]);
  });

  it('show a policy example that validates', () => {
    const example = fencedBlocks(readPage('docs/policies.md').text, 'yaml')[0];
    expect(example).toBeDefined();
    const policy = parsePolicy(example as string, 'docs/policies.md');
    expect(policy.targets('urgent', 'gold', 'eu')?.escalation).toHaveLength(2);
  });

  describe.each(pages)('$file', (page) => {
    it('shows only commands that work', async () => {
      const problems = (await Promise.all(shownCommands(page.text).map(commandProblems))).flat();
      expect(problems).toEqual([]);
    });

    it('names only repository paths that exist', () => {
      expect(missingPaths(page)).toEqual([]);
    });

    it('links only to files that exist', () => {
      expect(brokenLinks(page)).toEqual([]);
    });

    it('names only routes that the API or the local stack serves', () => {
      const routes = inlineCode(page.text)
        .map((code) => /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(code))
        .filter((match) => match !== null);
      expect(routes.filter(([, method, path]) => !served(method as string, path as string)).map(([code]) => code)).toEqual([]);
    });
  });

  describe('the checks themselves', () => {
    it('take a path under a top-level folder or with a source extension for a repository path, and nothing else', () => {
      expect(isRepositoryPath('functions/lib/http/problem.ts')).toBe(true);
      expect(isRepositoryPath('test/fixtures/mail/')).toBe(true);
      expect(isRepositoryPath('zod/mini')).toBe(false);
      expect(isRepositoryPath('$SLA_DATA_DIR/mail/')).toBe(false);
      expect(isRepositoryPath('shared/policies/archive/<id>.v<version>.yaml')).toBe(false);
    });

    it('catch a made-up path, link, command and route', async () => {
      const page = {
        file: 'docs/example.md',
        text: 'See `functions/lib/made-up.ts` and [a page](made-up.md), `GET /made-up`.\n\n```sh\nnpm run made-up\n```\n',
      };
      expect(missingPaths(page)).toEqual(['functions/lib/made-up.ts']);
      expect(brokenLinks(page)).toEqual(['made-up.md']);
      expect(served('GET', '/made-up')).toBe(false);
      expect(served('GET', '/tickets/{caseId}')).toBe(true);
      expect(served('POST', '/_local/made-up')).toBe(false);
      expect(served('POST', '/_local/clock')).toBe(true);
      expect(await commandProblems({ command: 'npm run made-up', inline: false })).toEqual([
        'npm run made-up: no such script in package.json',
      ]);
      expect(await commandProblems({ command: 'npm run --silent bench -- --made-up', inline: true })).toEqual([
        'npm run bench: bench/run.ts declares no --made-up',
      ]);
      expect(await commandProblems({ command: 'sla plan --made-up X', inline: true })).toEqual([
        `sla plan --made-up X: the CLI's usage of "plan" has no --made-up`,
      ]);
    });
  });
});

describe.each(['functions', 'infra'])('%s/README.md', (folder) => {
  const page = readPage(`${folder}/README.md`);
  /**
   * Each file or folder the README names, resolved under its section's folder (a `` ## `lib/` ``
   * or ### heading), else under the README's folder, else from the repository's root.
   */
  const named = new Set<string>();
  const unresolved: string[] = [];
  let section = '';
  for (const line of page.text.split('\n')) {
    const heading = /^#{2,3} `([\w./-]+\/)`/.exec(line);
    if (heading !== null) section = heading[1] as string;
    for (const code of inlineCode(line).filter(namesAFile)) {
      const found = [join(folder, section, code), join(folder, code), code].find((path) => existsSync(join(ROOT, path)));
      if (found === undefined) unresolved.push(code);
      else named.add(found);
    }
  }

  it('names only files that exist', () => {
    expect(unresolved).toEqual([]);
  });

  it(`lists every file under ${folder}/`, () => {
    const listed = (file: string) => named.has(join(folder, file));
    expect(filesUnder(folder).filter((file) => file !== 'README.md' && !listed(file))).toEqual([]);
  });

  it('links only to files that exist', () => {
    expect(brokenLinks(page)).toEqual([]);
  });
});

/** Inline code naming a file or folder: plain path segments, with a slash or a file extension. */
function namesAFile(code: string): boolean {
  return /^[\w.-]+(\/[\w.-]+)*\/?$/.test(code) && (code.includes('/') || /\.[a-z]+$/.test(code));
}
