import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations, scrollWidth } from '../support/console-tests.ts';
import { goInApp, TIERED_ORG as ORG, rowsOf, tieredTicket } from './tiered-story.ts';

// Monday 4 January 2027, 09:00 in Berlin (the tiered preset's zone); the tiered demo organisation is gold: 4 h a month included.
const START = '2027-01-04T08:00:00Z';

/** The statement's facts (term → value). */
async function facts(page: Page): Promise<Record<string, string>> {
  const list = page.locator('dl.usage-facts');
  const terms = await list.locator('dt').allTextContents();
  const values = await list.locator('dd').allTextContents();
  return Object.fromEntries(terms.map((term, i) => [term, values[i] ?? '']));
}

function invoiceLines(page: Page): Promise<string[][]> {
  return rowsOf(page.getByRole('table', { name: /^Invoice lines/ }));
}

describe('the usage page', () => {
  const suite = consoleSuite(START);
  let first: number;
  beforeAll(async () => {
    first = await tieredTicket(suite, 'Export misses orders');
    // Three hours on another ticket through the API; the agent logs the other two in the console.
    const other = await tieredTicket(suite, 'Invoice totals');
    const logged = await suite.stack.api(
      `/tickets/${other}/time`,
      { method: 'POST', body: JSON.stringify({ minutes: 180, note: 'Reconciled the invoice totals' }) },
      suite.stack.tokens.agent,
    );
    expect(logged.status).toBe(201);
  }, 60_000);

  it('shows an agent a gold organisation that logged 5 h in January: 4 h included, 1 h over at 75 EUR, and downloads it as CSV', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, timezoneId: 'Europe/Berlin' });
    await signInAs(page, suite.stack.url, 'agent');
    await goInApp(page, `/case/${first}`);
    const log = page.getByRole('form', { name: 'Log time' });
    await log.getByLabel('Time spent', { exact: true }).fill('2h');
    await log.getByRole('button', { name: 'Log time' }).click();
    await log.getByRole('status').getByText('Logged 2 h.').waitFor();

    // From the ticket's organisation to its usage.
    await page.getByRole('link', { name: 'usage' }).click();
    await page.getByRole('heading', { level: 1, name: `Usage of ${ORG}` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'January 2027' }).waitFor();
    expect(await facts(page)).toEqual({
      Tier: 'gold',
      Included: '4 h',
      'Carried in': '0 min',
      'Used (billable)': '5 h',
      Overage: '1 h',
      'Not billable': '0 min',
      'Carried out': '0 min',
    });
    expect(await page.getByText(/^Provisional until /).textContent()).toMatch(
      /^Provisional until Mon, 1 Feb 2027, 00:00 .*\(Europe\/Berlin\): time logged until then still counts\.$/,
    );
    // The bar says in words what it shows; over the included time is a segment of its own past the pool.
    const figure = page.getByRole('figure', { name: '5 h used of 4 h included: 1 h over.' });
    await figure.waitFor();
    const widths = await Promise.all(
      ['.usage-used', '.usage-over'].map(async (part) => (await figure.locator(`.usage-bar ${part}`).boundingBox())?.width ?? 0),
    );
    expect(widths[0] ?? 0).toBeCloseTo(4 * (widths[1] ?? 0), 0);
    expect(await invoiceLines(page)).toEqual([
      [expect.stringMatching(/^Support beyond the .* included \(gold\)$/), '1', '€75.00', '€75.00'],
      ['Total', '€75.00'],
    ]);
    await expectNoSeriousViolations(page);

    // The CSV, read with the token, saved under the organisation's and period's name.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`usage-${ORG}-2027-01.csv`);
    const csv = await readFile((await download.path()) as string, 'utf8');
    const direct = await suite.stack.api(
      `/orgs/${ORG}/usage?period=2027-01`,
      { headers: { accept: 'text/csv' } },
      suite.stack.tokens.agent,
    );
    expect(csv).toBe(await direct.text());
    expect(csv).toContain('75.00');
    await page.getByRole('status').getByText(`Saved usage-${ORG}-2027-01.csv.`).waitFor();
    await page.context().close();
  }, 120_000);

  it('offers only periods up to the current one, and shows a closed month as issued', async () => {
    await suite.stack.advanceClock('2027-02-03T08:00:00Z');
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: '2027-02-03T08:00:00Z', timezoneId: 'Europe/Berlin' });
    await signInAs(page, suite.stack.url, 'admin');
    await goInApp(page, `/admin/orgs/${ORG}`);
    await page.getByRole('link', { name: 'Usage statements' }).click();
    await page.getByRole('heading', { level: 2, name: 'February 2027' }).waitFor();
    const picker = page.getByLabel('Period', { exact: true });
    const options = await picker.locator('option').allTextContents();
    expect(options.slice(0, 3)).toEqual(['February 2027 (current)', 'January 2027', 'December 2026']);
    expect(options).toHaveLength(24);
    expect(await page.getByText('Nothing to bill for this period.').count()).toBe(1);

    await picker.selectOption('2027-01');
    await page.getByRole('heading', { level: 2, name: 'January 2027' }).waitFor();
    expect(await page.getByText(/^Closed on /).textContent()).toMatch(
      /^Closed on Mon, 1 Feb 2027, 00:00 .*\(Europe\/Berlin\); issued, it does not change\.$/,
    );
    expect((await invoiceLines(page)).at(-1)).toEqual(['Total', '€75.00']);
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 60_000);

  it("shows a customer their own organisation's usage, and another organisation's as not found", async () => {
    // On a phone-sized window: nothing scrolls sideways (the invoice table scrolls in its own box).
    const page = await newConsolePage(suite.browser, {
      url: suite.stack.url,
      at: '2027-02-03T08:00:00Z',
      timezoneId: 'America/New_York',
      viewport: { width: 360, height: 800 },
    });
    await signInAs(page, suite.stack.url, `customer:${ORG}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
    await page.getByRole('heading', { level: 1, name: `Usage of ${ORG}` }).waitFor();
    await page.getByLabel('Period', { exact: true }).selectOption('2027-01');
    await page.getByRole('heading', { level: 2, name: 'January 2027' }).waitFor();
    expect((await facts(page))['Used (billable)']).toBe('5 h');
    expect((await invoiceLines(page)).at(-1)).toEqual(['Total', '€75.00']);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await expectNoSeriousViolations(page);

    await goInApp(page, '/usage/kore-demo');
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    const answer = await suite.stack.api('/orgs/kore-demo/usage', {}, suite.stack.tokens.customers[ORG]);
    expect(answer.status).toBe(404);
    await page.context().close();
  }, 60_000);
});
