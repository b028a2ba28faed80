import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations } from '../support/console-tests.ts';

const START = '2026-03-02T08:00:00Z';

describe('the policy dry run in a browser', () => {
  const env = consoleSuite(START);

  async function planPage(): Promise<Page> {
    // A viewer in Berlin: times appear in the calendar's zone and in theirs.
    const page = await newConsolePage(env.browser, { url: env.stack.url, at: START, timezoneId: 'Europe/Berlin' });
    await signInAs(page, env.stack.url, 'agent');
    await page.goto('/plan');
    await page.getByRole('heading', { level: 1, name: 'Policy dry run' }).waitFor();
    return page;
  }

  /** Chooses a KORE plan (urgent, diamond, US desk unless told otherwise), opened at `at` in Berlin, and shows its steps. */
  async function showKorePlan(page: Page, at: string, choices: { severity?: string; tier?: string } = {}) {
    await page.getByLabel('Policy', { exact: true }).selectOption('kore');
    await page.getByLabel('Severity', { exact: true }).selectOption(choices.severity ?? 'urgent');
    await page.getByLabel('Tier', { exact: true }).selectOption(choices.tier ?? 'diamond');
    await page.getByLabel('Region', { exact: true }).selectOption('us');
    await page.getByLabel('Opened at', { exact: true }).fill(at);
    await page.getByRole('button', { name: 'Show the plan' }).click();
  }

  const stepsOf = (page: Page) => page.getByRole('list', { name: 'Who is paged, told and assigned when' }).getByRole('listitem');

  it('shows the KORE urgent ladder: who is paged, told and assigned when, with the after-hours pages marked', async () => {
    const page = await planPage();
    // 09:00 in Berlin is 08:00 UTC, 03:00 in New York: the US desk is closed.
    await showKorePlan(page, '2026-03-02T09:00');
    const steps = stepsOf(page);
    await steps.first().waitFor();
    const texts = (await steps.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(texts).toEqual([
      '+0s Mon, 2 Mar 2026, 08:00 UTC (UTC) · Mon, 2 Mar 2026, 09:00 CET (Europe/Berlin) escalation 1: assigns tier2; pages manager and oncall; tells director and vp. after hours The desk is closed then, so oncall is paged too.',
      '+15m 00s Mon, 2 Mar 2026, 08:15 UTC (UTC) · Mon, 2 Mar 2026, 09:15 CET (Europe/Berlin) response due; if missed, it pages tier2 and oncall; tells manager. after hours The desk is closed then, so oncall is paged too.',
      '+2h 00m Mon, 2 Mar 2026, 10:00 UTC (UTC) · Mon, 2 Mar 2026, 11:00 CET (Europe/Berlin) escalation 2: pages director and oncall. after hours The desk is closed then, so oncall is paged too.',
      '+2h 00m Mon, 2 Mar 2026, 10:00 UTC (UTC) · Mon, 2 Mar 2026, 11:00 CET (Europe/Berlin) update due; if missed, it pages tier2 and oncall; tells manager and director. after hours The desk is closed then, so oncall is paged too.',
      '+4h 00m Mon, 2 Mar 2026, 12:00 UTC (UTC) · Mon, 2 Mar 2026, 13:00 CET (Europe/Berlin) escalation 3: pages vp and oncall. after hours The desk is closed then, so oncall is paged too.',
    ]);
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 120_000);

  it('marks nothing after hours while the desk is open', async () => {
    const page = await planPage();
    // 19:00 in Berlin is 13:00 in New York.
    await showKorePlan(page, '2026-03-02T19:00');
    const steps = stepsOf(page);
    await steps.first().waitFor();
    await expect(steps.first().textContent()).resolves.toContain('escalation 1: assigns tier2; pages manager; tells director and vp.');
    await expect(page.getByText('after hours', { exact: true }).count()).resolves.toBe(0);
    await page.context().close();
  }, 60_000);

  it('shows a missing opening instant beside its field, and keeps the other choices', async () => {
    const page = await planPage();
    await showKorePlan(page, '', { tier: 'select' });
    const at = page.getByLabel('Opened at', { exact: true });
    await page.locator('#plan-at-error').waitFor();
    await expect(page.locator('#plan-at-error').textContent()).resolves.toBe('give the date and time the ticket opens');
    await expect(at.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(at.getAttribute('aria-describedby')).resolves.toContain('plan-at-error');
    await expect(page.getByLabel('Tier', { exact: true }).inputValue()).resolves.toBe('select');
    await page.context().close();
  }, 60_000);
});
