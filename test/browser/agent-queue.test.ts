import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newConsolePage, signInAs, syncClocks } from '../support/browser.ts';
import { consoleSuite, expectNoSeriousViolations } from '../support/console-tests.ts';
import { koreUrgentTicket } from './agent-tickets.ts';

/** Monday 08:00 UTC (03:00 in New York): KORE urgent clocks run 24x7, the response is due in 15 minutes. */
const START = '2026-03-02T08:00:00Z';

describe('the agent queue in a browser', () => {
  const env = consoleSuite(START);
  let caseId: number;

  beforeAll(async () => {
    caseId = await koreUrgentTicket(env.stack, 'API down');
    // Escalation step 1 is due at once: the stack carries it out as its clock moves.
    await env.stack.advanceClock('2026-03-02T08:00:01Z');
  });

  const rowOf = (page: Page, id: number): Locator =>
    page.getByRole('row').filter({ has: page.getByRole('link', { name: String(id), exact: true }) });
  /** Waits (no sleep) until the row's countdown shows `level`, and returns its text. */
  const countdownAt = async (row: Locator, level: string): Promise<string | null> => {
    const timer = row.locator(`[role="timer"][data-level="${level}"]`);
    await timer.waitFor();
    return timer.textContent();
  };

  /** The queue as the agent sees it at `at`, once the test's ticket is listed. */
  async function openQueue(at: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newConsolePage(env.browser, { url: env.stack.url, at, ...(viewport !== undefined && { viewport }) });
    await signInAs(page, env.stack.url, 'agent');
    await page.goto('/work');
    await rowOf(page, caseId).waitFor();
    return page;
  }

  it('shows a KORE urgent ticket turn from normal to warning to danger to breached as the clock moves', async () => {
    const page = await openQueue('2026-03-02T08:00:01Z');
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    const row = rowOf(page, caseId);
    expect(await countdownAt(row, 'normal')).toBe('14m 59s');
    await expect(row.getByRole('cell', { name: 'response', exact: true }).count()).resolves.toBe(1);
    await expect(row.getByRole('timer').getAttribute('aria-label')).resolves.toBe(`Case ${caseId} response: 14m 59s (on track)`);

    // 11 m 30 s of 15 m used (77 %): warning.
    await syncClocks(page, env.stack, '2026-03-02T08:11:30Z');
    expect(await countdownAt(row, 'warning')).toBe('3m 30s');
    // 13 m 40 s (91 %): danger.
    await syncClocks(page, env.stack, '2026-03-02T08:13:40Z');
    expect(await countdownAt(row, 'danger')).toBe('1m 20s');
    // Read the queue again now, so the next step is shown before its 30-second refresh.
    await page.reload();
    expect(await countdownAt(rowOf(page, caseId), 'danger')).toBe('1m 20s');
    // Past the due instant the countdown shows the overrun, without a reload.
    await syncClocks(page, env.stack, '2026-03-02T08:15:30Z');
    expect(await countdownAt(rowOf(page, caseId), 'breached')).toBe('−30s overdue');

    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 120_000);

  it('filters by policy, and says so when a policy has no open ticket', async () => {
    const page = await openQueue('2026-03-02T08:15:30Z');
    await page.getByLabel('Policy', { exact: true }).selectOption('netcor');
    await page.getByText('No open tickets').waitFor();
    await page.getByLabel('Policy', { exact: true }).selectOption('kore');
    await rowOf(page, caseId).waitFor();
    await page.context().close();
  }, 60_000);

  it('fits a 360 px wide window: the page does not scroll sideways, the table scrolls in its wrapper', async () => {
    const page = await openQueue('2026-03-02T08:15:30Z', { width: 360, height: 740 });
    const widths = await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: {
          documentElement: { scrollWidth: number; clientWidth: number };
          querySelector(s: string): { scrollWidth: number; clientWidth: number };
        };
      };
      const wrap = document.querySelector('.table-wrap');
      return {
        page: document.documentElement.scrollWidth,
        view: document.documentElement.clientWidth,
        table: wrap.scrollWidth,
        wrap: wrap.clientWidth,
      };
    });
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    expect(widths.table).toBeGreaterThan(widths.wrap);
    await expectNoSeriousViolations(page);
    await page.context().close();
  }, 60_000);

  it('refreshes in place: the rows stay on screen while the queue is read again, and so does the scroll position', async () => {
    for (let n = 1; n <= 12; n++) await koreUrgentTicket(env.stack, `Outage ${n}`);
    // Their first step is due at once: carried out before the page reads the queue, so both reads agree.
    await env.stack.advanceClock('2026-03-02T08:15:31Z');
    const page = await openQueue('2026-03-02T08:15:31Z', { width: 800, height: 400 });
    const scrollY = () => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
    // Hold the next read of the queue until the table has been looked at.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let asked = false;
    await page.route('**/api/queue*', async (route) => {
      asked = true;
      await held;
      await route.continue();
    });
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => asked).toBe(true);
    await expect(page.getByRole('button', { name: 'Refresh' }).isDisabled()).resolves.toBe(true);
    await expect(page.locator('main table tbody tr').count()).resolves.toBe(13);
    // Scrolled down while the read is under way (clicking Refresh brought the button into view).
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 300));
    const before = await scrollY();
    expect(before).toBe(300);
    release();
    await page.getByRole('button', { name: 'Refresh' }).and(page.locator(':enabled')).waitFor();
    await expect(page.locator('main table tbody tr').count()).resolves.toBe(13);
    await expect(scrollY()).resolves.toBe(before);
    await page.context().close();
  }, 60_000);
});
