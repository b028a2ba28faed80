import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSecurityHeaders } from '../../infra/console-headers.ts';
import { formatViolations, seriousViolations } from '../support/axe.ts';
import { newConsolePage, openConsoleTestbed, signInAs, syncClocks } from '../support/browser.ts';
import { type ConsoleStack, STACK_START_TIMEOUT_MS } from '../support/console-stack.ts';

const START = '2026-03-02T09:00:00Z';

describe('the browser test harness', () => {
  let stack: ConsoleStack;
  let browser: Browser;
  let close = async () => {};

  beforeAll(async () => {
    ({ stack, browser, close } = await openConsoleTestbed({ clockStart: START }));
  }, STACK_START_TIMEOUT_MS + 30_000);
  afterAll(() => close(), 60_000);

  it("opens the console at / with its security headers, on the stack's instant", async () => {
    expect(stack.consoleUrl).toBe(`${stack.url}/`);
    const page = await newConsolePage(browser, { url: stack.url, at: START });
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    expect(response?.headers()).toMatchObject({ ...consoleSecurityHeaders(), 'cache-control': 'no-cache' });
    expect(await page.evaluate(() => new Date().toISOString())).toBe('2026-03-02T09:00:00.000Z');
    // The app mounted: its script ran under the content security policy.
    await expect.poll(() => page.locator('main, [role="main"]').count()).toBeGreaterThan(0);
    const violations = await seriousViolations(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('reports what axe-core finds serious, with the rule and the element', async () => {
    const page = await newConsolePage(browser, { url: stack.url });
    await page.setContent(
      '<!doctype html><html lang="en"><title>Bad</title><main><h1>Bad page</h1><img src="data:,"><button></button></main></html>',
    );
    const violations = await seriousViolations(page);
    expect(violations.map((v) => v.id).sort()).toEqual(['button-name', 'image-alt']);
    expect(formatViolations(violations)).toMatch(/critical image-alt: .*\n {4}at img: /);
    await page.context().close();
  });

  it('serves the API under /api and at the root, and the console for its routes', async () => {
    for (const path of ['/api/health', '/health']) {
      const health = await fetch(`${stack.url}${path}`);
      expect([path, health.status]).toEqual([path, 200]);
    }
    const work = await fetch(`${stack.url}/work`, { headers: { accept: 'text/html' } });
    expect([work.status, work.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await work.text()).toContain('<script');
    const queue = await fetch(`${stack.url}/queue`);
    expect([queue.status, queue.headers.get('content-type')]).toEqual([401, 'application/problem+json']);
    // Other methods on a console path are the API's, which knows no such route.
    const posted = await fetch(`${stack.url}/work`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([posted.status, posted.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
    const viaPrefix = await stack.api('/queue', {}, stack.tokens.agent);
    expect(viaPrefix.status).toBe(200);
    const orgs = Object.keys(stack.tokens.customers).sort();
    expect(orgs).toContain('kore-demo');
    // The sign-in page offers a customer of every demo organisation the stack created.
    const identities = (await (await fetch(`${stack.url}/_local/identities`)).json()) as { items: Array<{ id: string; org?: string }> };
    expect(identities.items.map((i) => i.id).sort()).toEqual(['admin', 'agent', ...orgs.map((org) => `customer:${org}`)].sort());
  });

  it('signs in through the sign-in page, whose same-origin request the local stack accepts', async () => {
    const page = await newConsolePage(browser, { url: stack.url, at: START });
    const signIns: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/_local/sign-in') signIns.push(response.status());
    });
    await signInAs(page, stack.url, 'agent');
    expect(signIns).toEqual([200]);
    expect(new URL(page.url()).pathname).not.toBe('/sign-in');
    await page.context().close();
  }, 60_000);

  it('keeps the page clock and the stack clock on the same instant', async () => {
    const page = await newConsolePage(browser, { url: stack.url, at: START });
    await page.goto('/');
    await syncClocks(page, stack, '2026-03-02T11:30:00Z');
    const health = (await (await stack.api('/health')).json()) as { time: string };
    expect(await page.evaluate(() => new Date().toISOString())).toBe(health.time);
    expect(health.time).toBe('2026-03-02T11:30:00.000Z');
    await page.context().close();
  });
});

describe('a testbed that cannot start', () => {
  it('says why, with what npm start printed, and leaves nothing running', async () => {
    const failed = openConsoleTestbed({ clockStart: 'Monday morning' });
    await expect(failed).rejects.toThrow(/npm start exited \(1\) before it was ready:[\s\S]*SLA_CLOCK_START/);
    // The Chromium launched beside it was closed: this worker has no browser child left.
    const children = spawnSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).stdout;
    // (Debian's /usr/bin/chromium is a script that execs /usr/lib/chromium/chromium.)
    expect(children.split('\n').filter((line) => /chrom(e|ium)/.test(line))).toEqual([]);
  }, 60_000);
});
