import { describe, expect, it } from 'vitest';
import { newConsolePage, signInAs, syncClocks } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations, fieldErrors } from '../support/console-tests.ts';

// Monday 1 March 2027, 10:00 UTC.
const START = '2027-03-01T10:00:00Z';
const at = (days: number, hours = 0) => new Date(Date.parse(START) + days * 86_400_000 + hours * 3_600_000).toISOString();
/** A `datetime-local` value in UTC (the pages below run in UTC). */
const local = (iso: string) => iso.slice(0, 16);

describe('the Notices page', () => {
  const suite = consoleSuite(START);

  it('refuses a planned window inside KORE’s lead time beside Start, publishes one further out, and cancels it', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, timezoneId: 'UTC' });
    await signInAs(page, suite.stack.url, 'agent');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maintenance notices' }).waitFor();
    const form = page.getByRole('form', { name: 'Publish a notice' });
    await form.getByLabel('Title').fill('Core router upgrade');
    await form.getByLabel('What happens').fill('SMS delivery may pause for 10 minutes.');
    await form.getByLabel('Organisations').fill('kore-demo');
    await form.getByLabel('Start').fill(local(at(3)));
    await form.getByLabel('End').fill(local(at(3, 2)));
    await form.getByRole('button', { name: 'Publish' }).click();
    await form.getByRole('alert').waitFor();
    expect(await fieldErrors(page, { start: form.getByLabel('Start') })).toEqual({ start: `earliest allowed start: ${at(5)}` });
    await expectNoSeriousViolations(page);

    // Six days ahead: published, listed, and KORE's demo contacts are mailed.
    await form.getByLabel('Start').fill(local(at(6)));
    await form.getByLabel('End').fill(local(at(6, 2)));
    await form.getByRole('button', { name: 'Publish' }).click();
    await form.getByRole('status').getByText(/^Published “Core router upgrade”/).waitFor();
    const upcoming = page.getByRole('table', { name: 'Upcoming and under way' });
    const row = upcoming.getByRole('row').filter({ hasText: 'Core router upgrade' });
    await row.getByRole('cell', { name: 'published' }).waitFor();
    await expectNoSeriousViolations(page);

    await row.getByRole('button', { name: 'Cancel Core router upgrade' }).click();
    await row.getByRole('cell', { name: 'cancelled' }).waitFor();
    const outbox = (await (await page.request.get(`${suite.stack.url}/_local/outbox`)).json()) as { items: Array<{ to?: string; subject?: string }> };
    expect(
      outbox.items.filter((item) => item.to === 'contracts@kore-demo.example').map((item) => item.subject),
    ).toEqual(['[Planned maintenance] Scheduled: Core router upgrade', '[Planned maintenance] Cancelled: Core router upgrade']);
  });

  it('shows a customer their maintenance and the calendar address; a ticket opened during it links to it', async () => {
    const { api, tokens } = suite.stack;
    const published = await api(
      '/notices',
      {
        method: 'POST',
        body: JSON.stringify({ title: 'Database failover', body: 'Writes pause briefly.', kind: 'emergency', start: at(0, 2), end: at(0, 4), orgs: ['kore-demo'] }),
      },
      tokens.agent,
    );
    expect(published.status).toBe(201);
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, timezoneId: 'UTC' });
    await signInAs(page, suite.stack.url, 'customer:kore-demo');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Maintenance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maintenance notices' }).waitFor();
    await page.getByRole('table', { name: 'Upcoming and under way' }).getByRole('row').filter({ hasText: 'Database failover' }).waitFor();
    expect(await page.getByRole('button', { name: /^Cancel / }).count()).toBe(0);
    const address = await page.locator('#notice-calendar-url').textContent();
    expect(address).toMatch(/\/api\/notice-calendars\/kore-demo\?sig=/);
    const calendar = await page.request.get(address as string);
    expect(calendar.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    expect(await calendar.text()).toContain('SUMMARY:Emergency maintenance: Database failover');
    await expectNoSeriousViolations(page);

    // During the window, a new ticket carries the link, and its page shows it.
    await syncClocks(page, suite.stack, at(0, 3));
    const opened = await api(
      '/tickets',
      { method: 'POST', body: JSON.stringify({ subject: 'Writes fail', description: 'Since 13:00.', severity: 'high' }) },
      tokens.customers['kore-demo'],
    );
    const { caseId } = (await opened.json()) as { caseId: number };
    await page.goto(`${suite.stack.url}/portal/case/${caseId}`);
    await page.getByText(/^Opened during emergency maintenance Database failover/).waitFor();
    await expectNoSeriousViolations(page);
  });
});
