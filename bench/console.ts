/**
 * `console`: what the console costs a browser. Measured in Debian's Chromium (playwright-core)
 * against the real local stack:
 * - the script the first page loads (gzip), against the budget the tests also enforce;
 * - the queue holding `tickets` open tickets: each countdown tick (the 1-second interval that
 *   moves the `now` signal) timed from the tick to the end of the re-render and the layout it
 *   causes (a forced layout after Preact's render microtasks; painting is not counted), p50/p99;
 * - time to the first queue row: navigation start to the first row in the table, per load.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadPreset, type PresetId } from '#shared/policies/presets.ts';
import { newConsolePage, openConsoleTestbed, signInAs } from '../test/support/browser.ts';
import type { ConsoleStack } from '../test/support/console-stack.ts';
import { buildWeb, firstPageGzipBytes } from '../web/build.ts';
import { median, quantile } from './cold-import.ts';

export interface ConsoleBenchmark {
  name: 'console';
  first_page_js_gzip_bytes: number;
  first_page_js_budget_bytes: number;
  queue_rows: number;
  ticks: number;
  tick_p50_ms: number;
  tick_p99_ms: number;
  tick_max_ms: number;
  first_row_loads: number;
  first_row_p50_ms: number;
  first_row_max_ms: number;
}

export const FIRST_PAGE_BUDGET_BYTES = 40 * 1024;
const CLOCK_START = '2026-03-02T08:00:00Z';
const ORGS = ['kore-demo', 'kidzonet-demo', 'netcor-demo', 'tiered-demo', 'kolmisoft-demo'];

/**
 * Times each 1-second interval callback of the page: from the callback to a forced layout queued
 * behind the render it triggers (Preact renders signal changes in a microtask).
 */
const TICK_PROBE = `(() => {
  const samples = (window.__tickSamples = []);
  const original = window.setInterval;
  window.setInterval = function (callback, delay, ...rest) {
    if (delay !== 1000 || typeof callback !== 'function') return original.call(window, callback, delay, ...rest);
    return original.call(window, () => {
      const started = performance.now();
      callback();
      queueMicrotask(() => queueMicrotask(() => {
        void document.body.offsetHeight;
        samples.push(performance.now() - started);
      }));
    }, delay, ...rest);
  };
})();`;

/** Records when the first queue row appears, from navigation start. */
const FIRST_ROW_PROBE = `(() => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('main table tbody tr') !== null) {
      window.__firstRowAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
})();`;

export async function benchConsole(options: { tickets: number; ticks: number; loads: number }): Promise<ConsoleBenchmark> {
  const outDir = mkdtempSync(join(tmpdir(), 'sla-web-bench-'));
  let firstPage: number;
  try {
    firstPage = firstPageGzipBytes(await buildWeb({ outDir }));
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const bed = await openConsoleTestbed({ clockStart: CLOCK_START, env: { RATE_LIMITS: 'off' } });
  const { stack, browser } = bed;
  try {
    await openTickets(stack, options.tickets);
    const page = await newConsolePage(browser, { url: stack.url });
    await page.addInitScript(TICK_PROBE);
    await signInAs(page, stack.url, 'agent');
    await page.goto(`${stack.url}/work`);
    const rows = await loadWholeQueue(page, options.tickets);
    const samples = await collectTicks(page, options.ticks);
    const loads: number[] = [];
    const timing = await newConsolePage(browser, { url: stack.url });
    await timing.addInitScript(FIRST_ROW_PROBE);
    await signInAs(timing, stack.url, 'agent');
    for (let i = 0; i < options.loads; i++) {
      await timing.goto(`${stack.url}/work`);
      await timing.waitForFunction(() => (globalThis as unknown as { __firstRowAt?: number }).__firstRowAt !== undefined);
      loads.push(await timing.evaluate(() => (globalThis as unknown as { __firstRowAt: number }).__firstRowAt));
    }
    return {
      name: 'console',
      first_page_js_gzip_bytes: firstPage,
      first_page_js_budget_bytes: FIRST_PAGE_BUDGET_BYTES,
      queue_rows: rows,
      ticks: samples.length,
      tick_p50_ms: round(quantile(samples, 0.5)),
      tick_p99_ms: round(quantile(samples, 0.99)),
      tick_max_ms: round(Math.max(...samples)),
      first_row_loads: loads.length,
      first_row_p50_ms: round(median(loads)),
      first_row_max_ms: round(Math.max(...loads)),
    };
  } finally {
    await bed.close();
  }
}

/** Opens `count` urgent and high tickets spread over the demo organisations, 10 at a time. */
async function openTickets(stack: ConsoleStack, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const org = ORGS[i % ORGS.length] as string;
      const body = JSON.stringify({
        subject: `Bench ticket ${i}`,
        description: 'Opened by the console benchmark.',
        severity: severityOf(org, i),
        ...(org === 'netcor-demo' && { fields: NETCOR_FIELDS }),
      });
      const answer = await stack.api('/tickets', { method: 'POST', body }, stack.tokens.customers[org]);
      if (answer.status !== 201) throw new Error(`creating ticket ${i} for ${org}: HTTP ${answer.status} ${await answer.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
}

/** A severity of the org's preset, turn by turn. */
function severityOf(org: string, i: number): string {
  const severities = loadPreset(org.replace(/-demo$/, '') as PresetId).severities;
  return severities[Math.floor(i / ORGS.length) % severities.length] as string;
}

/** NETCOR's intake requires these fields. */
const NETCOR_FIELDS = { softwareVersion: '7.2.1', systemDetails: 'Bench host' };

/** Clicks "Load more" until the table holds `count` rows (or the queue ends); the row count. */
async function loadWholeQueue(page: Page, count: number): Promise<number> {
  const rows = page.locator('main table tbody tr');
  await rows.first().waitFor();
  for (;;) {
    const shown = await rows.count();
    const more = page.getByRole('button', { name: /load more/i });
    if (shown >= count || !(await more.isVisible())) return shown;
    await more.click();
    await page.waitForFunction(
      (before) =>
        (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(
          'main table tbody tr',
        ).length > before,
      shown,
    );
  }
}

/** Waits for `ticks` more ticks of the page's countdown interval and returns their times (ms). */
async function collectTicks(page: Page, ticks: number): Promise<number[]> {
  const start = await page.evaluate(() => (globalThis as unknown as { __tickSamples: number[] }).__tickSamples.length);
  await page.waitForFunction(
    (target) => (globalThis as unknown as { __tickSamples: number[] }).__tickSamples.length >= target,
    start + ticks,
    { timeout: (ticks + 30) * 1000 },
  );
  return page.evaluate((from) => (globalThis as unknown as { __tickSamples: number[] }).__tickSamples.slice(from), start);
}

const round = (ms: number) => Math.round(ms * 100) / 100;
