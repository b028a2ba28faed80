import { describe, expect, it, vi } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations } from '../support/console-tests.ts';

/** A week before 2027-Q2, when an admin would run its review. */
const START = '2027-03-25T10:00:00Z';

describe('the tier review page (admins) and the tiers it sets', () => {
  const suite = consoleSuite(START);

  it('dry-runs a CSV (a bad row named by row and column), applies it, and shows the history to the admin and the customer', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'admin');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tier review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tier review' }).waitFor();
    await page.getByLabel('Policy', { exact: true }).selectOption('tiered');
    await page.getByLabel('Quarter', { exact: true }).fill('2027-Q2');
    const csv = page.getByLabel('Turnover as CSV', { exact: true });
    const apply = page.getByRole('button', { name: 'Apply' });

    await csv.fill('org,turnover\ntiered-demo,31000.001\n');
    await page.getByRole('button', { name: 'Dry run' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('row 2, column 2: turnover: EUR has 2 decimals: 31000.001 cannot be billed exactly');
    expect(await apply.isDisabled()).toBe(true);

    await csv.fill('org,turnover\ntiered-demo,31000.00\n');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByRole('heading', { name: 'Dry run of 2027-Q2' }).waitFor();
    const row = page.getByRole('row', { name: /tiered-demo/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'gold → platinum',
      '31000.00',
      'turnover 31000.00 EUR reaches the platinum threshold of 30000.00 EUR',
      'Wed, 31 Mar 2027, 22:00 UTC (UTC)',
    ]);
    await expectNoSeriousViolations(page);
    // Editing the CSV after the dry run takes Apply away until it is run again.
    await csv.fill('org,turnover\ntiered-demo,31000\n');
    expect(await apply.isDisabled()).toBe(true);
    await csv.fill('org,turnover\ntiered-demo,31000.00\n');

    await page.getByRole('button', { name: 'Dry run' }).click();
    await apply.click();
    await page.getByRole('heading', { name: 'Applied 2027-Q2 (revision 1)' }).waitFor();
    await page.getByText(/2027-Q2: revision 1, applied/).waitFor();

    await page
      .getByRole('row', { name: /tiered-demo/ })
      .getByRole('link', { name: 'tiered-demo' })
      .click();
    const history = page.getByRole('table', { name: /Tier history/ });
    await history.waitFor();
    expect(await page.getByRole('heading', { name: /Tier history/ }).textContent()).toBe('Tier history (now gold)');
    expect(await history.getByRole('row').last().textContent()).toContain('platinumquarterly review 2027-Q2');
    await expectNoSeriousViolations(page);
    await page.context().close();

    const outbox = async () =>
      (
        (await (
          await fetch(`${suite.stack.url}/_local/outbox`, { headers: { authorization: `Bearer ${suite.stack.tokens.admin}` } })
        ).json()) as { items: Array<{ to?: string; subject?: string }> }
      ).items;
    await vi.waitFor(async () => {
      expect((await outbox()).map((m) => [m.to, m.subject])).toContainEqual([
        'contracts@tiered-demo.example',
        'Your support tier for 2027-Q2: Platinum',
      ]);
    });

    const portal = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(portal, suite.stack.url, 'customer:tiered-demo');
    const ours = portal.locator('#our-tier');
    await ours.waitFor();
    expect(await ours.textContent()).toBe(
      'Your support tier: gold. From Wed, 31 Mar 2027, 22:00 UTC (UTC): platinum (the 2027-Q2 review).',
    );
    await expectNoSeriousViolations(portal);
    await portal.context().close();
  }, 120_000);

  it('is for admins only: an agent has no such page', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'agent');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tier review' }).count()).toBe(0);
    await page.context().close();
  }, 60_000);
});
