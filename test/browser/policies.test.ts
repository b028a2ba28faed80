import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import type { ConsoleStack } from '../support/console-stack.ts';
import { consoleSuite, expectNoSeriousViolations, scrollWidth } from '../support/console-tests.ts';

/**
 * Wednesday 23 Dec 2026, 16:30 in Berlin: NETCOR's desk (08:30–17:00, Lower Saxony) has half an
 * hour left today, and 24 Dec is an ordinary working day until a version closes it.
 */
const START = '2026-12-23T15:30:00Z';

/** A copy of the netcor preset with its own id and a 2 h critical response target. */
const NETCOR = readFileSync(join(import.meta.dirname, '../../shared/policies/netcor.yaml'), 'utf8');
const NETCOR_2H = NETCOR.replace(/^id: netcor$/m, 'id: netcor-2h')
  .replace(/^name: NETCOR Support$/m, 'name: NETCOR 2h')
  .replace('standard: { response: 4h }', 'standard: { response: 2h }');

async function criticalTicket(stack: ConsoleStack): Promise<number> {
  const opened = await stack.api(
    '/tickets',
    {
      method: 'POST',
      body: JSON.stringify({
        subject: 'Nothing starts',
        description: 'The service is down.',
        severity: 'critical',
        fields: { softwareVersion: '4.2.1', systemDetails: 'Debian 13' },
      }),
    },
    stack.tokens.customers['netcor-demo'],
  );
  const body = (await opened.json()) as { caseId: number };
  expect(opened.status, JSON.stringify(body)).toBe(201);
  return body.caseId;
}

async function ticket(stack: ConsoleStack, caseId: number) {
  const read = await stack.api(`/tickets/${caseId}`, {}, stack.tokens.admin);
  expect(read.status).toBe(200);
  return (await read.json()) as { policy: { id: string; version: number }; deadlines: Array<{ kind: string; due: string | null }> };
}

const responseDue = async (stack: ConsoleStack, caseId: number) =>
  (await ticket(stack, caseId)).deadlines.find((d) => d.kind === 'response')?.due;

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

const editor = (page: Page, name: string) => page.getByRole('form', { name });

describe('the policies pages (staff; admins publish)', () => {
  const suite = consoleSuite(START);

  it('publishes a custom policy after a dry run, assigns it to an organisation, and previews then re-plans a closure day', async () => {
    const { stack } = suite;
    const page = await newConsolePage(suite.browser, { url: stack.url, at: START, timezoneId: 'Europe/Berlin' });
    await signInAs(page, stack.url, 'admin');
    await nav(page, 'Policies');
    await page.getByRole('heading', { level: 1, name: 'Policies' }).waitFor();
    const netcor = page.getByRole('row', { name: /^netcor / });
    expect(await netcor.getByRole('cell').nth(2).textContent()).toBe('preset');

    // An invalid document: the bad field is named by its path, next to the document, and nothing can be published.
    const create = editor(page, 'New policy');
    const text = create.getByLabel('Policy document', { exact: true });
    const publish = create.getByRole('button', { name: 'Publish' });
    await text.fill(NETCOR_2H.replace('standard: { response: 2h }', 'standard: { response: 2 hours }'));
    await create.getByRole('button', { name: 'Check changes' }).click();
    const problems = create.getByRole('alert');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('severities.critical.tiers.standard.response');
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    expect((await text.getAttribute('aria-describedby'))?.split(' ')).toContain('new-policy-problems');
    expect(await publish.isDisabled()).toBe(true);
    await expectNoSeriousViolations(page);

    // The right document, picked as a file: the dry run stores nothing; Publish follows it.
    await create.getByLabel('Or pick a file', { exact: true }).setInputFiles({
      name: 'netcor-2h.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(NETCOR_2H),
    });
    await expect.poll(() => text.inputValue()).toBe(NETCOR_2H);
    await create.getByRole('button', { name: 'Check changes' }).click();
    await create.getByRole('status').getByText('nothing was stored (version 1 of a new policy)').waitFor();
    const listed = (await (await stack.api('/policies', {}, stack.tokens.admin)).json()) as { items: Array<{ id: string }> };
    expect(listed.items.map((p) => p.id)).not.toContain('netcor-2h');
    // Any edit after the dry run takes Publish away until the changes are checked again.
    await text.fill(`${NETCOR_2H}\n`);
    expect(await publish.isDisabled()).toBe(true);
    await text.fill(NETCOR_2H);
    await create.getByRole('button', { name: 'Check changes' }).click();
    await create.getByRole('status').getByText('nothing was stored').waitFor();
    await publish.click();
    await page.getByRole('heading', { level: 1, name: 'Policy NETCOR 2h (netcor-2h)' }).waitFor();
    await page.getByRole('status').getByText('Published version 1 of netcor-2h.').waitFor();
    const v1 = page.getByRole('table', { name: 'Versions' }).getByRole('row', { name: /version 1/ });
    expect((await v1.getByRole('cell').allTextContents())[0]).toBe('NETCOR 2h');
    await expectNoSeriousViolations(page);

    // The organisation page offers the custom policy beside the presets. (In-app links, not
    // page.goto: a reload would restore the session against the page's pinned clock, past the token's expiry.)
    await nav(page, 'Organisations');
    await page.getByRole('link', { name: 'netcor-demo', exact: true }).click();
    await page.waitForURL('**/admin/orgs/netcor-demo');
    await page.getByRole('button', { name: 'Save' }).waitFor();
    const policy = page.getByLabel('Policy', { exact: true });
    await policy.locator('optgroup[label="Custom policies"] option[value="netcor-2h"]').waitFor({ state: 'attached' });
    expect(await policy.locator('optgroup[label="Presets"] option').allTextContents()).toContain('NETCOR Support (netcor)');
    await policy.selectOption('netcor-2h');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(/^Saved at/).waitFor();

    // A critical ticket now follows it: 30 minutes today, 1 h 30 on Thursday 24 Dec → 10:00 Berlin.
    const caseId = await criticalTicket(stack);
    expect((await ticket(stack, caseId)).policy).toEqual({ id: 'netcor-2h', version: 1 });
    expect(await responseDue(stack, caseId)).toBe('2026-12-24T09:00:00.000Z');

    // Version 2 closes 24 Dec: the dry run shows the open ticket's response moving to Monday 28 Dec
    // (25 and 26 Dec are public holidays), in the viewer's zone and in UTC.
    await nav(page, 'Policies');
    await page.getByRole('link', { name: 'netcor-2h', exact: true }).click();
    const next = editor(page, 'New version');
    const nextText = next.getByLabel('Policy document', { exact: true });
    await nextText.waitFor();
    const document = JSON.parse(await nextText.inputValue()) as {
      version: number;
      calendars: { business: { holidays: Record<string, unknown> } };
    };
    expect(document.version).toBe(2);
    document.calendars.business.holidays.dates = ['2026-12-24'];
    const closed = JSON.stringify(document, null, 2);
    await nextText.fill(closed);
    await next.getByRole('button', { name: 'Check changes' }).click();
    await next.getByRole('heading', { name: 'Open tickets whose deadlines move: 1 of 1' }).waitFor();
    const moved = next.getByRole('table', { name: /Open tickets whose deadlines move/ }).getByRole('row', { name: /response/ });
    expect(await moved.getByRole('link', { name: String(caseId) }).getAttribute('href')).toBe(`/case/${caseId}`);
    const cells = await moved.getByRole('cell').allTextContents();
    expect(cells.slice(-2)).toEqual([
      'Thu, 24 Dec 2026, 10:00 CET (Europe/Berlin)Thu, 24 Dec 2026, 09:00 UTC (UTC)',
      'Mon, 28 Dec 2026, 10:00 CET (Europe/Berlin)Mon, 28 Dec 2026, 09:00 UTC (UTC)',
    ]);
    await expectNoSeriousViolations(page);
    // Nothing moved yet.
    expect(await responseDue(stack, caseId)).toBe('2026-12-24T09:00:00.000Z');

    // The local re-plan of one ticket is done before the page first reads it: until the page has
    // shown it running, every read is answered as if it still were; the page must then read again.
    let running = true;
    await page.route('**/api/policies/netcor-2h/versions/2', async (route) => {
      const answer = await route.fetch();
      const body = (await answer.json()) as { replan?: Record<string, unknown> };
      const replan = running ? { ...body.replan, state: 'running', examined: 0, replanned: 0, finishedAt: undefined } : body.replan;
      await route.fulfill({ response: answer, json: { ...body, replan } });
    });
    await next.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('status').getByText('Published version 2 of netcor-2h.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Version 2' }).waitFor();
    await page.getByRole('status').getByText('Re-planning open tickets: 0 open tickets examined, 0 re-planned so far.').waitFor();
    running = false;
    await page
      .getByRole('status')
      .getByText(/^Re-plan done: 1 open ticket examined, 1 re-planned\./)
      .waitFor();
    expect(
      await page
        .getByRole('table', { name: 'Versions' })
        .getByRole('row', { name: /version 2/ })
        .textContent(),
    ).toContain('yes: reaches open tickets');
    expect(await responseDue(stack, caseId)).toBe('2026-12-28T09:00:00.000Z');
    // The ticket keeps the version it was opened under.
    expect((await ticket(stack, caseId)).policy).toEqual({ id: 'netcor-2h', version: 1 });
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 180_000);

  it('explains a publish refused because another version came first, and keeps the text', async () => {
    const { stack } = suite;
    // A custom policy of its own (presets change in the repository, not through the API).
    const copy = NETCOR_2H.replace(/^id: netcor-2h$/m, 'id: race').replace(/^name: NETCOR 2h$/m, 'name: Race');
    const created = await stack.api(
      '/policies',
      { method: 'POST', body: copy, headers: { 'content-type': 'application/yaml' } },
      stack.tokens.admin,
    );
    expect(created.status).toBe(201);
    const page = await newConsolePage(suite.browser, { url: stack.url, at: START });
    await signInAs(page, stack.url, 'admin');
    await nav(page, 'Policies');
    await page.getByRole('link', { name: 'race', exact: true }).click();
    const next = editor(page, 'New version');
    const text = next.getByLabel('Policy document', { exact: true });
    await text.waitFor();
    const mine = (await text.inputValue()).replace('"name": "Race"', '"name": "Race (mine)"');
    await text.fill(mine);
    await next.getByRole('button', { name: 'Check changes' }).click();
    await next.getByRole('status').getByText('nothing was stored').waitFor();

    // Someone else publishes the same next version first.
    const theirs = { ...(JSON.parse(mine) as Record<string, unknown>), name: 'Race (theirs)' };
    const first = await stack.api('/policies/race/versions', { method: 'POST', body: JSON.stringify(theirs) }, stack.tokens.admin);
    expect(first.status).toBe(201);

    await next.getByRole('button', { name: 'Publish' }).click();
    const alert = next.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Someone published another version of this policy first. Your text is kept');
    expect(await alert.textContent()).toContain('HTTP 409');
    expect(await text.inputValue()).toBe(mine);
    // Publish waits for a new check against the version now latest.
    expect(await next.getByRole('button', { name: 'Publish' }).isDisabled()).toBe(true);
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 90_000);

  it('offers a preset as a copy to publish under another id, never as a new version (in a 360 px wide window)', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START, viewport: { width: 360, height: 740 } });
    await signInAs(page, suite.stack.url, 'admin');
    await nav(page, 'Policies');
    await page.getByRole('link', { name: 'kolmisoft', exact: true }).click();
    const copy = editor(page, 'New policy from a copy');
    const text = copy.getByLabel('Policy document', { exact: true });
    await text.waitFor();
    expect(await editor(page, 'New version').count()).toBe(0);
    expect(JSON.parse(await text.inputValue())).toMatchObject({ id: 'kolmisoft-copy', version: 1 });
    // Wide tables and the document scroll in their own boxes; the page itself does not scroll sideways.
    expect(await scrollWidth(page)).toBeLessThanOrEqual(360);
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 60_000);

  it('shows agents the policies and their versions, without the editor', async () => {
    const page = await newConsolePage(suite.browser, { url: suite.stack.url, at: START });
    await signInAs(page, suite.stack.url, 'agent');
    await nav(page, 'Policies');
    await page.getByRole('link', { name: 'kore', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /^Version \d+$/ }).waitFor();
    await page.getByText('The document as published').waitFor();
    expect(await page.getByRole('form', { name: /New (policy|version)/ }).count()).toBe(0);
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 60_000);
});
