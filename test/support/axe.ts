/**
 * axe-core in a real page: the accessibility check every console page test runs. Only serious and
 * critical findings fail a test (issue 14's bar); the formatter says which rule, where and why.
 */

import axe from 'axe-core';
import type { Page } from 'playwright-core';

export type AxeViolation = Pick<axe.Result, 'id' | 'impact' | 'help' | 'helpUrl'> & {
  readonly nodes: ReadonlyArray<Pick<axe.NodeResult, 'target' | 'failureSummary'>>;
};

const FAILING: ReadonlySet<axe.ImpactValue> = new Set(['serious', 'critical']);

/**
 * Runs axe-core over the page (or the part `include` selects) and returns its serious and critical
 * violations. The source goes in through DevTools' evaluate rather than a `<script>` tag, so the
 * console's content security policy (no inline script) stays on while it runs.
 */
export async function seriousViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  // These functions run in the page (the project's types have no DOM: globalThis is the window there).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axe.source);
  const results = await page.evaluate(async (selector) => {
    const { axe: inPage, document } = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    return inPage.run(selector ?? document, { resultTypes: ['violations'] });
  }, include);
  return results.violations
    .filter((violation) => FAILING.has(violation.impact ?? null))
    .map(({ id, impact, help, helpUrl, nodes }) => ({
      id,
      impact,
      help,
      helpUrl,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
}

/** One line per violation and one per element, for an assertion's message. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) => {
      const where = violation.nodes.map((node) => `    at ${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`);
      return [`${violation.impact} ${violation.id}: ${violation.help} (${violation.helpUrl})`, ...where].join('\n');
    })
    .join('\n');
}
