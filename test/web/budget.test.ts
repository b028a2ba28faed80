import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWeb, firstPageGzipBytes } from '../../web/build.ts';

/** The script the first page may load, gzip: the budget. */
const FIRST_PAGE_BUDGET = 40 * 1024;

describe('the console build', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'sla-web-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it(`ships at most ${FIRST_PAGE_BUDGET / 1024} KB of script (gzip) to the first page, with no inline script or style`, async () => {
    const web = await buildWeb({ outDir });
    expect(firstPageGzipBytes(web)).toBeLessThanOrEqual(FIRST_PAGE_BUDGET);
    const html = new TextDecoder().decode(web.files.get('index.html'));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=/);
    for (const script of web.firstPage.scripts) expect(html).toContain(`/${script}`);
    expect(web.firstPage.stylesheet).toMatch(/^assets\/main-[A-Z0-9]+\.css$/);
  });

  it('keeps the OIDC library out of the first page (it loads only where Cognito signs in)', async () => {
    const web = await buildWeb({ outDir });
    const firstPage = web.firstPage.scripts.map((path) => new TextDecoder().decode(web.files.get(path))).join('\n');
    expect(firstPage).not.toContain('code_challenge_method');
    expect([...web.files.keys()].some((path) => new TextDecoder().decode(web.files.get(path)).includes('code_challenge_method'))).toBe(
      true,
    );
  });
});
