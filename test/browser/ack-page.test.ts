import { describe, expect, it } from 'vitest';
import { signAckLink } from '#shared/oncall/ack-link.ts';
import { readOrCreateSecret } from '../../infra/local/lib/local-auth.ts';
import { newConsolePage } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations } from '../support/console-tests.ts';
import { koreUrgentTicket } from './agent-tickets.ts';

const START = '2026-03-02T08:00:00Z';
const AFTER_STEP_1 = '2026-03-02T08:05:00Z';
const STEP = 'escalation.urgent.1';

describe('the ack link’s page in a browser', () => {
  const env = consoleSuite(START);

  /** A link signed with the stack's own key (kept in its data directory, as notify signs them). */
  const link = (caseId: number, expiresAt: string) =>
    signAckLink(
      { caseId, deadlineId: STEP, personId: 'ana-lima', expiresAt: Date.parse(expiresAt) },
      readOrCreateSecret(env.stack.dataDir, 'oncall-ack-link.key'),
    );
  const acks = async (caseId: number) => {
    const ticket = await (await env.stack.api(`/tickets/${caseId}`, {}, env.stack.tokens.agent)).json();
    return (ticket as { timeline: Array<{ type: string; detail?: Record<string, string> }> }).timeline.filter(
      (e) => e.type === 'acknowledged',
    );
  };

  it('shows the page without a sign-in, acknowledges on the button only, then says who acknowledged', async () => {
    const caseId = await koreUrgentTicket(env.stack, 'Ack by link');
    await env.stack.advanceClock(AFTER_STEP_1);
    const token = link(caseId, '2026-03-03T08:00:00Z');
    const page = await newConsolePage(env.browser, { url: env.stack.url, at: AFTER_STEP_1 });
    await page.goto(`/ack/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Acknowledge a page' }).waitFor();
    await page.getByText('Ack by link', { exact: true }).waitFor();
    const facts = page.locator('dl');
    expect(await facts.locator('dt').allTextContents()).toEqual(['Case', 'Subject', 'Severity', 'Deadline', 'Asked']);
    expect(await facts.locator('dd').allTextContents()).toEqual([String(caseId), 'Ack by link', 'urgent', STEP, 'Ana Lima']);
    await expectNoSeriousViolations(page);
    // Opening the link acknowledged nothing.
    expect(await acks(caseId)).toEqual([]);

    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(
      /^Acknowledged at Mon, 2 Mar 2026, 08:05 .*Thank you, Ana Lima: its repeat pages stop\.$/,
    );
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await acks(caseId)).toMatchObject([{ detail: { by: 'ana-lima', via: 'link', deadline: STEP } }]);

    // The same link again (another device, a second click): who acknowledged it, no button.
    const again = await newConsolePage(env.browser, { url: env.stack.url, at: AFTER_STEP_1 });
    await again.goto(`/ack/${token}`);
    await expect(again.getByRole('status').textContent()).resolves.toMatch(
      /^Already acknowledged by (Ana Lima|ana-lima) at Mon, 2 Mar 2026, 08:05/,
    );
    expect(await again.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await page.context().close();
    await again.context().close();
  }, 120_000);

  it('says when a link has expired or is not one of ours', async () => {
    const caseId = await koreUrgentTicket(env.stack, 'Old link');
    const page = await newConsolePage(env.browser, { url: env.stack.url });
    await page.goto(`/ack/${link(caseId, START)}`);
    await page.getByRole('alert').getByText('This link has expired.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    await page.goto(`/ack/${link(caseId, '2026-03-03T08:00:00Z').slice(0, -2)}`);
    await page.getByRole('alert').getByText('This link is not valid', { exact: false }).waitFor();
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 120_000);
});
