import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newConsolePage, signInAs } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations } from '../support/console-tests.ts';
import { koreUrgentTicket } from './agent-tickets.ts';

/** Monday 08:00 UTC, 03:00 in New York: the US desk is closed, so KORE urgent steps also page on-call. */
const START = '2026-03-02T08:00:00Z';
const AFTER_STEP_1 = '2026-03-02T08:05:00Z';

describe('the agent ticket page in a browser', () => {
  const env = consoleSuite(START);

  async function openCase(caseId: number, at: string): Promise<Page> {
    const page = await newConsolePage(env.browser, { url: env.stack.url, at, timezoneId: 'America/New_York' });
    await signInAs(page, env.stack.url, 'agent');
    await page.goto(`/case/${caseId}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Case ${caseId}:`) }).waitFor();
    return page;
  }

  it('shows the ladder: the step carried out (who, on which channel, when) and the steps to come', async () => {
    const caseId = await koreUrgentTicket(env.stack, 'Ladder');
    // Step 1 is due at once: the stack may carry it out before or after the clock moves, so the
    // page is read only once the clock has moved and the step is certainly done.
    await env.stack.advanceClock(AFTER_STEP_1);
    const page = await openCase(caseId, AFTER_STEP_1);
    const done = page.getByRole('list', { name: 'Carried out' });
    await done.getByText('escalation 1', { exact: true }).waitFor();
    // The demo staff on call this week (npm start seeds them): paged by SMS and e-mail; told by e-mail.
    const step = (name: string) =>
      done
        .getByRole('listitem')
        .filter({ has: page.getByText(name, { exact: true }) })
        .locator('li');
    expect((await step('escalation 1').allInnerTexts()).sort()).toEqual([
      'fatima-haddad (manager) by sms and email',
      'hiro-tanaka (director) by email',
      'jonas-weber (vp) by email',
      'lena-schmidt (oncall) by sms and email',
    ]);
    // Nobody acknowledged by 08:05: KORE re-pages the manager.
    expect(await step('escalation 1, re-page 1').allInnerTexts()).toEqual(['fatima-haddad (manager) by sms and email']);
    // Times in the viewer's zone, named.
    await expect(done.locator('time').first().textContent()).resolves.toMatch(
      /^Mon, 2 Mar 2026, 0[0-9]:[0-9]{2} GMT-5 \(America\/New_York\)$/,
    );
    const rows = await page.getByRole('table', { name: 'Still to come' }).getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['escalation 1, re-page 2', 'Mon, 2 Mar 2026, 03:10 GMT-5 (America/New_York)', 'manager', 'nobody', '—'],
      ['escalation 1, backup page', 'Mon, 2 Mar 2026, 03:15 GMT-5 (America/New_York)', 'manager', 'nobody', '—'],
      ['escalation 2', 'Mon, 2 Mar 2026, 05:00 GMT-5 (America/New_York)', 'director, oncall', 'nobody', '—'],
      ['escalation 3', 'Mon, 2 Mar 2026, 07:00 GMT-5 (America/New_York)', 'vp, oncall', 'nobody', '—'],
    ]);
    // Step 1 assigned Tier II; the response clock runs.
    await page.getByText('tier2', { exact: true }).first().waitFor();
    const response = page.locator('tr[data-deadline="response"] [role="timer"]');
    await expect(response.getAttribute('data-level')).resolves.toBe('normal');
    await expect(response.textContent()).resolves.toBe('10m 00s');
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 120_000);

  it('previews a severity change beside the current deadlines, changes nothing until confirmed, then re-plans', async () => {
    // Opened at 08:05 (the clock stays where the first test left it): urgent's response is due at 08:20.
    const caseId = await koreUrgentTicket(env.stack, 'Severity');
    const page = await openCase(caseId, AFTER_STEP_1);
    await page.getByLabel('Severity', { exact: true }).selectOption('high');
    await page.getByRole('button', { name: 'Preview the new deadlines' }).click();
    const preview = page.getByRole('table', { name: /The deadlines now \(urgent\) and after the change \(high\)/ });
    const response = preview.getByRole('row', { name: /^response/ });
    // Urgent: 15 minutes round the clock; high diamond: 30 minutes of the US desk's hours, which open at 08:00 New York time.
    await expect(response.textContent()).resolves.toMatch(/03:20 GMT-5.*pending.*08:30 GMT-5.*pending/s);
    // A dry run stores nothing.
    const stored = (await (await env.stack.api(`/tickets/${caseId}`, {}, env.stack.tokens.agent)).json()) as { severity: string };
    expect(stored.severity).toBe('urgent');

    await page.getByRole('button', { name: 'Confirm: make it high' }).click();
    await page.getByText('changed the severity from urgent to high').waitFor();
    await expect(page.locator('tr[data-deadline="response"] time').textContent()).resolves.toMatch(/08:30 GMT-5/);
    await page.context().close();
  }, 120_000);

  it('sends a reply, offers only the status moves of the current status, and shows an error beside its action', async () => {
    const caseId = await koreUrgentTicket(env.stack, 'Reply');
    const page = await openCase(caseId, AFTER_STEP_1);
    const status = page.getByRole('group', { name: 'Status' });
    await expect(status.getByRole('button').allInnerTexts()).resolves.toEqual(['Pending customer', 'Resolve', 'Close']);

    await page.getByLabel('Reply', { exact: true }).fill('We are on it.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('list', { name: 'Timeline' }).getByText('We are on it.').waitFor();
    await page.locator('tr[data-deadline="response"]').getByText('met', { exact: true }).waitFor();

    // A blank assignee: the API's message appears under the field, and the field keeps its text.
    const assignee = page.getByLabel('Assignee', { exact: true });
    await assignee.fill('   ');
    await page.getByRole('button', { name: 'Assign' }).click();
    await page.locator(`#assignee-${caseId}-error`).waitFor();
    await expect(assignee.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(assignee.inputValue()).resolves.toBe('   ');

    await status.getByRole('button', { name: 'Resolve' }).click();
    await status.getByRole('button', { name: 'Reopen' }).waitFor();
    await expect(status.getByRole('button').allInnerTexts()).resolves.toEqual(['Reopen', 'Close']);
    await page.context().close();
  }, 120_000);

  it('reads older timeline entries on demand, and the ladder grows with the steps found in them', async () => {
    const caseId = await koreUrgentTicket(env.stack, 'Long history');
    await env.stack.advanceClock('2026-03-02T08:06:00Z');
    // More notes than the ticket's answer holds (its latest 20 entries): step 1's pages scroll out of it.
    for (let n = 1; n <= 20; n++) {
      const note = await env.stack.api(
        `/tickets/${caseId}/messages`,
        { method: 'POST', body: JSON.stringify({ body: `Note ${n}`, public: false }) },
        env.stack.tokens.agent,
      );
      expect(note.status).toBe(201);
    }
    const page = await openCase(caseId, '2026-03-02T08:06:00Z');
    const timeline = page.getByRole('list', { name: 'Timeline' });
    await timeline.getByText('Note 20').waitFor();
    await expect(timeline.getByText('opened the ticket').count()).resolves.toBe(0);
    await expect(page.getByRole('list', { name: 'Carried out' }).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Older entries' }).click();
    await timeline.getByText('Customer opened the ticket').waitFor();
    await expect(page.getByRole('button', { name: 'Older entries' }).count()).resolves.toBe(0);
    await page.getByRole('list', { name: 'Carried out' }).getByText('escalation 1').waitFor();
    await expect(timeline.getByRole('listitem').count()).resolves.toBeGreaterThan(20);
    await page.context().close();
  }, 120_000);
});
