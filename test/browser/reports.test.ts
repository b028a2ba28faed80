import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations } from '../support/console-tests.ts';
import { goInApp, rowsOf } from './tiered-story.ts';

// Monday 2 March 2026, 09:00 in Berlin (NETCOR's zone).
const START = '2026-03-02T08:00:00Z';
const ORG = 'netcor-demo';
const APRIL = '2026-04-02T08:00:00Z';

describe('the SLA reports page', () => {
  const suite = consoleSuite(START);
  const cases: number[] = [];
  beforeAll(async () => {
    const open = async (severity: string) => {
      const created = await suite.stack.api(
        '/tickets',
        {
          method: 'POST',
          body: JSON.stringify({
            subject: 'Export fails',
            description: 'd',
            severity,
            fields: { softwareVersion: '4.2', systemDetails: 'Linux' },
          }),
        },
        suite.stack.tokens.customers[ORG],
      );
      expect(created.status).toBe(201);
      cases.push(((await created.json()) as { caseId: number }).caseId);
    };
    const reply = async (caseId: number) => {
      const answered = await suite.stack.api(
        `/tickets/${caseId}/messages`,
        { method: 'POST', body: JSON.stringify({ body: 'Looking into it', public: true }) },
        suite.stack.tokens.agent,
      );
      expect(answered.status).toBe(201);
    };
    await open('high'); // 8 h of business time: answered in 2 h
    await open('critical'); // 4 h: answered after 6 h
    await suite.stack.advanceClock('2026-03-02T10:00:00Z');
    await reply(cases[0] as number);
    await suite.stack.advanceClock('2026-03-02T14:00:00Z');
    await reply(cases[1] as number);
    await suite.stack.advanceClock(APRIL);
  }, 60_000);

  it('shows an agent March for an organisation: the chart, the metrics, the late ticket with its link, and the CSV', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: APRIL, timezoneId: 'Europe/Berlin' });
    await signInAs(page, suite.stack.url, 'agent');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByLabel('Organisation').fill(ORG);
    await page.getByLabel('From (month)').fill('2026-03');
    await page.getByLabel('To (month)').fill('2026-03');
    await page.getByRole('button', { name: 'Show report' }).click();
    await page.getByRole('heading', { level: 1, name: `SLA report of ${ORG}` }).waitFor();
    await page.getByRole('img', { name: /First responses met per month/ }).waitFor();
    expect(await page.locator('svg desc').textContent()).toBe('2026-03: 50 % met (1 of 2, 1 breached)');
    const metrics = await rowsOf(page.getByRole('table', { name: 'Compliance per metric' }));
    expect(metrics[0]).toEqual(['First response', '2', '1', '1', '50 %', '2 h', '6 h', '0 min', '0 min', '6 h']);
    const breaches = await rowsOf(page.getByRole('table', { name: 'The worst overruns' }));
    expect(breaches).toEqual([['First response', `Case ${cases[1]}`, '2 h', expect.stringMatching(/15:00 .*\(Europe\/Berlin\)$/)]]);
    await expectNoSeriousViolations(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`sla-report-${ORG}-2026-03.csv`);
    const csv = await readFile((await download.path()) as string, 'utf8');
    const direct = await suite.stack.api(
      `/reports/sla?org=${ORG}&from=2026-03&to=2026-03`,
      { headers: { accept: 'text/csv' } },
      suite.stack.tokens.agent,
    );
    expect(csv).toBe(await direct.text());

    await page.getByRole('link', { name: `Case ${cases[1]}` }).click();
    await page.waitForURL((address) => address.pathname === `/case/${cases[1]}`);
    await page.context().close();
  }, 120_000);

  it("shows a customer their own organisation's report, and another's is not found", async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: APRIL, timezoneId: 'Europe/Berlin' });
    await signInAs(page, suite.stack.url, `customer:${ORG}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SLA report' }).click();
    await goInApp(page, '/portal/reports?from=2026-03');
    await page.getByRole('heading', { level: 1, name: `SLA report of ${ORG}` }).waitFor();
    await page.getByRole('table', { name: 'Compliance per metric' }).waitFor();
    const metrics = await rowsOf(page.getByRole('table', { name: 'Compliance per metric' }));
    expect(metrics[0]?.slice(0, 5)).toEqual(['First response', '2', '1', '1', '50 %']);
    expect(await page.getByRole('link', { name: `Case ${cases[1]}` }).getAttribute('href')).toBe(`/portal/case/${cases[1]}`);
    await expectNoSeriousViolations(page);
    const other = await suite.stack.api('/reports/sla?org=kore-demo&from=2026-03', {}, suite.stack.tokens.customers[ORG]);
    expect(other.status).toBe(404);
    await page.context().close();
  }, 60_000);
});
