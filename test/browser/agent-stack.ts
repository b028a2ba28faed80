/**
 * What the agent's browser tests share: one local stack (manual clock at `start`) and one browser
 * per test file, and KORE urgent tickets opened as the KORE demo customer.
 */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type ConsoleStack, STACK_START_TIMEOUT_MS, startConsoleStack } from '../support/console-stack.ts';

export interface AgentStack {
  readonly stack: ConsoleStack;
  readonly browser: Browser;
}

/** Starts the stack and the browser before the file's tests and stops them after; read the fields inside tests. */
export function agentStack(start: string): AgentStack {
  const started = {} as { stack: ConsoleStack; browser: Browser };
  beforeAll(async () => {
    [started.stack, started.browser] = await Promise.all([startConsoleStack({ clockStart: start }), launchBrowser()]);
  }, STACK_START_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.stack?.stop();
  }, 60_000);
  return started;
}

/** Opens a KORE urgent ticket (15 minutes to respond, round the clock) as the KORE demo customer; its case id. */
export async function koreUrgentTicket(stack: ConsoleStack, subject: string): Promise<number> {
  const created = await stack.api(
    '/tickets',
    { method: 'POST', body: JSON.stringify({ subject, description: 'All calls fail with 503', severity: 'urgent' }) },
    stack.tokens.customers['kore-demo'],
  );
  expect(created.status).toBe(201);
  return ((await created.json()) as { caseId: number }).caseId;
}
