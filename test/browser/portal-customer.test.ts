import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, seriousViolations } from '../support/axe.ts';
import { launchBrowser, newConsolePage, signInAs } from '../support/browser.ts';
import { type ConsoleStack, STACK_START_TIMEOUT_MS, startConsoleStack } from '../support/console-stack.ts';

/** Monday 09:00 in Berlin: NETCOR's business hours are open. */
const START = '2026-03-02T08:00:00Z';

describe('the customer portal in a browser', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  /** A Kidzonet case, opened through the API by Kidzonet's demo customer. */
  let kidzonetCase: number;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startConsoleStack({ clockStart: START }), launchBrowser()]);
    const opened = await stack.api(
      '/tickets',
      {
        method: 'POST',
        body: JSON.stringify({ subject: 'Filter blocks the school site', description: 'Since this morning.', severity: 'major' }),
      },
      stack.tokens.customers['kidzonet-demo'],
    );
    expect(opened.status).toBe(201);
    kidzonetCase = ((await opened.json()) as { caseId: number }).caseId;
  }, STACK_START_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  async function customerPage(org: string, options: { timezoneId?: string; viewport?: { width: number; height: number } } = {}) {
    const page = await newConsolePage(browser, { url: stack.url, at: START, ...options });
    await signInAs(page, stack.url, `customer:${org}`);
    return page;
  }

  async function expectAccessible(page: Page) {
    const violations = await seriousViolations(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  }

  it('lets a NETCOR customer open a ticket only with the required fields, then shows its response due time in their zone', async () => {
    const page = await customerPage('netcor-demo', { timezoneId: 'America/New_York' });
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/tickets') posts.push(request.url());
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New ticket' }).click();
    await expect.poll(() => page.title()).toBe('New ticket · sla-escalator');
    await page.getByLabel('Subject').fill('Export hangs at 80 %');
    await page.getByRole('radio', { name: 'Eskalationsstufe 2 (Hoch)' }).check();
    await page.getByLabel('Description').fill('The nightly export stops and never finishes.');
    await expectAccessible(page);

    // The policy's required fields are enforced here, before anything is sent.
    await page.getByRole('button', { name: 'Open ticket' }).click();
    const version = page.getByLabel('Software version');
    await expect.poll(() => version.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => version.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    expect(await page.locator('#ticket-fields-softwareVersion-error').textContent()).toBe('required by the netcor policy');
    expect(await page.getByLabel('System details').getAttribute('aria-invalid')).toBe('true');
    expect(posts).toEqual([]);
    // Nothing typed was lost.
    expect(await page.getByLabel('Subject').inputValue()).toBe('Export hangs at 80 %');
    await expectAccessible(page);

    await version.fill('4.2.1');
    await page.getByLabel('System details').fill('Debian 13, 16 GB');
    // The network fails once: the form says so and keeps everything; sent again, the same attempt opens one ticket.
    const keys: (string | undefined)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/tickets')
        keys.push(request.headers()['idempotency-key']);
    });
    await page.route('**/api/tickets', (route) => route.abort('connectionreset'), { times: 1 });
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await page.getByRole('alert').filter({ hasText: 'The network failed: nothing was changed. Try again.' }).waitFor();
    expect(await version.inputValue()).toBe('4.2.1');
    expect(await page.getByLabel('Description').inputValue()).toBe('The nightly export stops and never finishes.');
    await page.getByRole('button', { name: 'Open ticket' }).click();
    await page.waitForURL(/\/portal\/case\/\d+$/);
    expect(posts).toHaveLength(2);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await page.getByRole('heading', { level: 1, name: /^Case \d+: Export hangs at 80 %$/ }).waitFor();
    // High: 8 business hours from Monday 09:00 Berlin is 17:00 Berlin, 11:00 in New York.
    const response = page.getByRole('listitem').filter({ hasText: 'Response due by' });
    await expect.poll(() => response.textContent()).toMatch(/^Response due by Mon, 2 Mar 2026, 11:00 \S+ \(America\/New_York\)/);
    expect(await response.getByRole('timer').getAttribute('aria-label')).toBe('Response due by: 8h 00m (on track)');
    expect(await page.getByText('Times are in your zone (America/New_York).').count()).toBe(1);
    await expectAccessible(page);
    await page.context().close();
  }, 90_000);

  it('lets a Kidzonet customer escalate a ticket by its case number from the home page', async () => {
    const page = await customerPage('kidzonet-demo');
    await page.getByRole('link', { name: String(kidzonetCase), exact: true }).waitFor();
    await expectAccessible(page);
    // The status filter asks the API for that status only.
    await page.getByLabel('Status').selectOption('closed');
    await page.getByText('No tickets with this status.').waitFor();
    await page.getByLabel('Status').selectOption('open');
    await page.getByRole('link', { name: String(kidzonetCase), exact: true }).waitFor();
    const box = page.getByRole('form', { name: 'Escalate a ticket' });
    await box.getByLabel('Case number').fill(`${kidzonetCase}x`);
    await box.getByLabel('Reason for escalating').fill('No answer and the school cannot work.');
    await box.getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => box.getByLabel('Case number').getAttribute('aria-invalid')).toBe('true');
    expect(await box.getByText('a case number has digits only, like 10042').count()).toBe(1);

    await box.getByLabel('Case number').fill(String(kidzonetCase));
    await box.getByRole('button', { name: 'Escalate' }).click();
    await expect
      .poll(() => box.getByRole('status').textContent())
      .toBe(`Case ${kidzonetCase} is escalated: the support team has been alerted and will come back to you.`);
    await expectAccessible(page);

    // Asked again at once: it joins the pending escalation (202), and says so.
    await box.getByLabel('Case number').fill(String(kidzonetCase));
    await box.getByLabel('Reason for escalating').fill('Still nothing.');
    await box.getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => box.getByRole('status').textContent()).toMatch(new RegExp(`^Case ${kidzonetCase} was already escalated at `));
    await page.context().close();
  }, 90_000);

  it("keeps organisations apart: a KORE customer gets 'no such ticket' for a Kidzonet case, and staff pages are not found", async () => {
    const page = await customerPage('kore-demo');
    const box = page.getByRole('form', { name: 'Escalate a ticket' });
    await box.getByLabel('Case number').fill(String(kidzonetCase));
    await box.getByLabel('Reason for escalating').fill('Let me see it.');
    await box.getByRole('button', { name: 'Escalate' }).click();
    const caseNumber = box.getByLabel('Case number');
    await expect.poll(() => caseNumber.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#escalate-caseId-error').textContent()).toBe('no such ticket in your organisation');
    // What was typed stays.
    expect(await box.getByLabel('Reason for escalating').inputValue()).toBe('Let me see it.');

    await page.goto(`/portal/case/${kidzonetCase}`);
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    expect(await page.getByText('Filter blocks the school site').count()).toBe(0);
    await expectAccessible(page);

    await page.goto('/work');
    await page.getByRole('heading', { level: 1, name: 'Not found' }).waitFor();
    await page.context().close();
  }, 90_000);

  it('shows a case with its next promised update, public messages only, and lets the customer reply, close and reopen it', async () => {
    const customer = stack.tokens.customers['netcor-demo'];
    const opened = await stack.api(
      '/tickets',
      {
        method: 'POST',
        body: JSON.stringify({
          subject: 'Service down',
          description: 'Nothing starts.',
          severity: 'critical',
          fields: { softwareVersion: '4.2.1', systemDetails: 'Debian 13' },
        }),
      },
      customer,
    );
    const { caseId } = (await opened.json()) as { caseId: number };
    const say = (body: string, isPublic: boolean) =>
      stack.api(`/tickets/${caseId}/messages`, { method: 'POST', body: JSON.stringify({ body, public: isPublic }) }, stack.tokens.agent);
    expect((await say('We are on it.', true)).status).toBe(201);
    expect((await say('Customer runs an unsupported kernel.', false)).status).toBe(201);

    const page = await customerPage('netcor-demo', { timezoneId: 'Asia/Tokyo' });
    await page.goto(`/portal/case/${caseId}`);
    await page.getByRole('heading', { level: 1, name: `Case ${caseId}: Service down` }).waitFor();
    // Critical is tracked daily: the next update 8h30 of business time after the answer at Monday 09:00 Berlin: 8h on
    // Monday, 30 minutes from Tuesday's opening at 08:30, so Tuesday 09:00 Berlin, 17:00 in Tokyo.
    const update = page.getByRole('listitem').filter({ hasText: 'Next update by' });
    await expect.poll(() => update.textContent()).toMatch(/^Next update by Tue, 3 Mar 2026, 17:00 \S+ \(Asia\/Tokyo\)/);
    expect(await update.getByRole('timer').getAttribute('aria-label')).toBe('Next update by: 8h 30m (on track)');
    expect(
      await page
        .getByRole('listitem')
        .filter({ hasText: /^Answered / })
        .count(),
    ).toBe(1);
    const conversation = page.getByRole('list', { name: 'Conversation' });
    expect(await conversation.getByText('We are on it.').count()).toBe(1);
    expect(await page.getByText('unsupported kernel').count()).toBe(0);
    await expectAccessible(page);

    await page.getByRole('textbox', { name: 'Reply' }).fill('Thanks, we wait.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await conversation.getByText('Thanks, we wait.').waitFor();
    await page.getByRole('button', { name: 'Close this ticket' }).click();
    await page.getByRole('button', { name: 'Reopen this ticket' }).waitFor();
    expect(await page.locator('.portal-facts dd').first().textContent()).toBe('Closed');
    await page.getByRole('button', { name: 'Reopen this ticket' }).click();
    await page.getByRole('button', { name: 'Close this ticket' }).waitFor();
    expect(await page.locator('.portal-facts dd').first().textContent()).toBe('Open');
    await page.context().close();
  }, 90_000);

  it("pages through the organisation's tickets, newest first", async () => {
    const opened: number[] = [];
    // 26 tickets (an agent opens them for the organisation): one more than a page holds.
    for (let i = 1; i <= 26; i++) {
      const answer = await stack.api(
        '/tickets',
        {
          method: 'POST',
          body: JSON.stringify({ org: 'kolmisoft-demo', subject: `Call quality ${i}`, description: 'Echo.', severity: 'low' }),
        },
        stack.tokens.agent,
      );
      opened.push(((await answer.json()) as { caseId: number }).caseId);
    }
    const page = await customerPage('kolmisoft-demo');
    const table = page.getByRole('table');
    const caseLinks = () => table.getByRole('link').allTextContents();
    await table.getByRole('link', { name: String(opened[25]), exact: true }).waitFor();
    expect(await caseLinks()).toEqual(opened.slice(1).reverse().map(String));
    await page.getByRole('button', { name: 'Older tickets' }).click();
    await table.getByRole('link', { name: String(opened[0]), exact: true }).waitFor();
    expect(await caseLinks()).toEqual([String(opened[0])]);
    expect(await page.getByRole('button', { name: 'Older tickets' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Newer tickets' }).click();
    await table.getByRole('link', { name: String(opened[25]), exact: true }).waitFor();
    expect(await caseLinks()).toHaveLength(25);
    await page.context().close();
  }, 90_000);

  it('works in a 360 px wide window: no page scrolls sideways', async () => {
    const page = await customerPage('kidzonet-demo', { viewport: { width: 360, height: 740 } });
    const sideways = () =>
      page.evaluate(() => {
        // Runs in the page (the project's types have no DOM: globalThis is the window there).
        const { documentElement } = (
          globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
        ).document;
        return documentElement.scrollWidth - documentElement.clientWidth;
      });
    await page.getByRole('link', { name: String(kidzonetCase), exact: true }).waitFor();
    expect(await sideways()).toBe(0);
    await page.getByRole('link', { name: String(kidzonetCase), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: /^Case \d+:/ }).waitFor();
    expect(await sideways()).toBe(0);
    await expectAccessible(page);
    await page.goto('/portal/new');
    await page.getByRole('radio').first().waitFor();
    expect(await sideways()).toBe(0);
    await page.context().close();
  }, 90_000);
});
