import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations, fieldErrors, scrollWidth } from '../support/console-tests.ts';
import { goInApp, rowsOf, tieredTicket } from './tiered-story.ts';

// Monday 4 January 2027, 09:00 in Berlin (the tiered preset's zone).
const START = '2027-01-04T08:00:00Z';

/** The cells of each row of the Time table, as text. */
function timeRows(page: Page): Promise<string[][]> {
  return rowsOf(page.getByRole('table', { name: /^Total / }));
}

describe('time entries on the ticket pages', () => {
  const suite = consoleSuite(START);
  let caseId: number;
  beforeAll(async () => {
    caseId = await tieredTicket(suite, 'Export empty');
  }, 60_000);

  it('lets an agent log time (as 2h or 45), with problems on their fields, correct an entry and delete one, each on the timeline', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, timezoneId: 'Europe/Berlin' });
    await signInAs(page, suite.stack.url, 'agent');
    await goInApp(page, `/case/${caseId}`);
    const time = page.getByRole('region', { name: 'Time', exact: true });
    await time.getByText('No time logged yet.').waitFor();
    const log = time.getByRole('form', { name: 'Log time' });
    const minutes = log.getByLabel('Time spent', { exact: true });

    // A duration the page cannot read is refused on its field before anything is sent.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/time')) posts.push(r.url());
    });
    await minutes.fill('1h15');
    await log.getByRole('button', { name: 'Log time' }).click();
    await log.locator('#time-log-minutes-error').waitFor();
    expect(await fieldErrors(page, { minutes })).toEqual({ minutes: 'cannot read "1h15" as a duration: use minutes (75) or 1h15m' });
    expect(posts).toEqual([]);

    // None at all is the API's to refuse, on the same field; what was typed stays.
    await minutes.fill('0');
    await log.getByRole('button', { name: 'Log time' }).click();
    await expect.poll(async () => (await fieldErrors(page, { minutes })).minutes).toBe('at least 1 minute');
    expect(await minutes.inputValue()).toBe('0');
    expect(posts).toHaveLength(1);

    await minutes.fill('2h');
    await log.getByLabel('Note', { exact: true }).fill('Rebuilt the export index');
    await log.getByRole('button', { name: 'Log time' }).click();
    await log.getByRole('status').getByText('Logged 2 h.').waitFor();
    await minutes.fill('45');
    await log.getByLabel('Billable', { exact: true }).uncheck();
    await log.getByRole('button', { name: 'Log time' }).click();
    await log.getByRole('status').getByText('Logged 45 min.').waitFor();
    await time.getByRole('table', { name: 'Total 2 h 45 min, of which 2 h billable' }).waitFor();
    expect(await timeRows(page)).toEqual([
      ['Mon, 4 Jan 2027, 09:00 CET (Europe/Berlin)', '2 h', 'billable', 'Rebuilt the export index', 'local-agent', 'CorrectDelete'],
      ['Mon, 4 Jan 2027, 09:00 CET (Europe/Berlin)', '45 min', 'not billable', '', 'local-agent', 'CorrectDelete'],
    ]);
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText(/ · Staff logged 2 h \(entry \d+-001, billable\)$/).waitFor();
    await timeline.getByText(/ · Staff logged 45 min \(entry \d+-002, not billable\)$/).waitFor();
    await expectNoSeriousViolations(page);

    // Correct the second entry in place: it was an hour, and billable.
    await time.getByRole('button', { name: /^Correct the entry of 45 min/ }).click();
    const correct = time.getByRole('form', { name: /^Correct the entry of / });
    await correct.getByLabel('Time spent', { exact: true }).fill('1h');
    await correct.getByLabel('Billable', { exact: true }).check();
    await expectNoSeriousViolations(page);
    await correct.getByRole('button', { name: 'Save the correction' }).click();
    await time.getByRole('table', { name: 'Total 3 h, of which 3 h billable' }).waitFor();
    await timeline.getByText(/ · Staff corrected time entry \d+-002: time spent 45 min → 1 h, billable no → yes$/).waitFor();

    // Delete the first, after confirming; the timeline keeps it.
    await time.getByRole('button', { name: /^Delete the entry of 2 h/ }).click();
    await time
      .getByRole('group', { name: /^Delete the entry of 2 h/ })
      .getByRole('button', { name: 'Delete', exact: true })
      .click();
    await time.getByRole('table', { name: 'Total 1 h, of which 1 h billable' }).waitFor();
    expect((await timeRows(page)).map((row) => row.slice(1, 3))).toEqual([['1 h', 'billable']]);
    await timeline.getByText(/ · Staff deleted time entry \d+-001 \(2 h, billable\)$/).waitFor();
    await expectNoSeriousViolations(page);

    // The API agrees.
    const listed = await suite.stack.api(`/tickets/${caseId}/time`, {}, suite.stack.tokens.agent);
    expect(await listed.json()).toMatchObject({ totalMinutes: 60, billableMinutes: 60, entries: [{ minutes: 60, billable: true }] });
    await page.context().close();
  }, 120_000);

  it("says why a Kolmisoft bug ticket's time is never billable, and the API's reason when billable was asked for", async () => {
    const opened = await suite.stack.api(
      '/tickets',
      {
        method: 'POST',
        body: JSON.stringify({ subject: 'CDRs rated twice', description: 'Since the upgrade.', severity: 'high', category: 'bug' }),
      },
      suite.stack.tokens.customers['kolmisoft-demo'],
    );
    expect(opened.status).toBe(201);
    const bug = ((await opened.json()) as { caseId: number }).caseId;
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, timezoneId: 'Europe/Berlin' });
    await signInAs(page, suite.stack.url, 'agent');
    await goInApp(page, `/case/${bug}`);
    const time = page.getByRole('region', { name: 'Time', exact: true });
    const log = time.getByRole('form', { name: 'Log time' });
    const billable = log.getByLabel('Billable', { exact: true });
    await log.getByText('Never billable: the kolmisoft policy does not bill bug tickets.').waitFor();
    expect(await billable.isChecked()).toBe(false);

    // Asked for anyway: the API records it as not billable and says why.
    await billable.check();
    await log.getByLabel('Time spent', { exact: true }).fill('30m');
    await log.getByRole('button', { name: 'Log time' }).click();
    await log
      .getByRole('status')
      .getByText('Logged 30 min, not billable: the kolmisoft policy does not bill tickets of category "bug".')
      .waitFor();
    await time.getByRole('table', { name: 'Total 30 min, of which 0 min billable' }).waitFor();
    expect((await timeRows(page)).map((row) => row.slice(1, 3))).toEqual([['30 min', 'free: bug']]);
    await page
      .getByRole('list', { name: 'Timeline' })
      .getByText(/ · Staff logged 30 min \(entry \d+-001, not billable: the kolmisoft policy does not bill tickets of category "bug"\)$/)
      .waitFor();
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 60_000);

  it('shows a customer the time spent on their ticket, read-only, in their zone', async () => {
    const other = await tieredTicket(suite, 'Invoice PDF');
    const logged = await suite.stack.api(
      `/tickets/${other}/time`,
      { method: 'POST', body: JSON.stringify({ minutes: 90, note: 'Regenerated the PDF' }) },
      suite.stack.tokens.agent,
    );
    expect(logged.status).toBe(201);
    // On a phone-sized window: nothing scrolls sideways.
    const page = await newConsolePage(suite.browser, {
      url: suite.stack.url,
      at: START,
      timezoneId: 'America/New_York',
      viewport: { width: 360, height: 800 },
    });
    await signInAs(page, suite.stack.url, 'customer:tiered-demo');
    await goInApp(page, `/portal/case/${other}`);
    const time = page.getByRole('region', { name: 'Time spent', exact: true });
    await time.getByRole('table', { name: 'Total 1 h 30 min, of which 1 h 30 min billable' }).waitFor();
    expect(await timeRows(page)).toEqual([
      [expect.stringMatching(/^Mon, 4 Jan 2027, 03:00 .*\(America\/New_York\)$/), '1 h 30 min', 'billable', 'Regenerated the PDF'],
    ]);
    expect(await time.getByRole('button').count()).toBe(0);
    expect(await time.getByRole('form').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 60_000);
});
