/**
 * `npm run screenshots`: the README's pictures of the console, made from the real local stack in
 * Chromium so they can be refreshed after any change. A manual clock starts on a Monday
 * afternoon in Europe (morning on the US desk); a few tickets of the demo organisations are
 * opened and the clock moves on 20 minutes, so the queue shows every colour and the KORE urgent
 * ticket has escalated. Writes docs/images/{queue,ticket,dry-run,portal,portal-ticket}.png.
 */

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newConsolePage, openConsoleTestbed, signInAs } from '../test/support/browser.ts';
import type { ConsoleStack } from '../test/support/console-stack.ts';

const OUT = join(import.meta.dirname, '..', 'docs', 'images');
const START = '2026-03-02T14:00:00Z';
const LATER = '2026-03-02T14:20:00Z';
const VIEWPORT = { width: 1280, height: 800 };

const TICKETS = [
  { org: 'kore-demo', subject: 'Payments API answers 503 for every call', severity: 'urgent' },
  { org: 'kidzonet-demo', subject: 'Filtering service blocks every site', severity: 'critical' },
  {
    org: 'netcor-demo',
    subject: 'Reports export stops at 10,000 rows',
    severity: 'high',
    fields: { softwareVersion: '7.2.1', systemDetails: 'RHEL 9' },
  },
  { org: 'kore-demo', subject: 'Webhook retries arrive out of order', severity: 'high' },
  { org: 'tiered-demo', subject: 'Invoice PDF shows the wrong VAT rate', severity: 'normal' },
  { org: 'kolmisoft-demo', subject: 'Billing run skipped three accounts', severity: 'medium' },
] as const;

async function openTickets(stack: ConsoleStack): Promise<number[]> {
  const ids: number[] = [];
  for (const { org, ...ticket } of TICKETS) {
    const body = JSON.stringify({ description: 'Seen since this morning; details in the attached log.', ...ticket });
    const answer = await stack.api('/tickets', { method: 'POST', body }, stack.tokens.customers[org]);
    if (answer.status !== 201) throw new Error(`creating "${ticket.subject}": HTTP ${answer.status} ${await answer.text()}`);
    ids.push(((await answer.json()) as { caseId: number }).caseId);
  }
  return ids;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  console.log(`docs/images/${name}.png`);
}

const bed = await openConsoleTestbed({ clockStart: START });
try {
  const { stack, browser } = bed;
  const [kore] = await openTickets(stack);
  await stack.advanceClock(LATER);
  const page = (timezoneId = 'Europe/Berlin') => newConsolePage(browser, { url: stack.url, at: LATER, viewport: VIEWPORT, timezoneId });

  const agent = await page();
  await signInAs(agent, stack.url, 'agent');
  await agent.goto('/work');
  await agent
    .locator('main table tbody tr')
    .nth(TICKETS.length - 1)
    .waitFor();
  await shoot(agent, 'queue');
  await agent.goto(`/case/${kore}`);
  await agent.getByRole('heading', { level: 1 }).waitFor();
  await agent.getByRole('timer').first().waitFor();
  await shoot(agent, 'ticket');
  await agent.goto('/plan');
  await agent.getByLabel('Policy', { exact: true }).selectOption('kore');
  await agent.getByLabel('Severity', { exact: true }).selectOption('urgent');
  await agent.getByLabel('Tier', { exact: true }).selectOption('diamond');
  await agent.getByLabel('Region', { exact: true }).selectOption('us');
  await agent.getByLabel('Opened at', { exact: true }).fill('2026-03-02T09:00');
  await agent.getByRole('button', { name: 'Show the plan' }).click();
  await agent.getByRole('list', { name: 'Who is paged, told and assigned when' }).getByRole('listitem').first().waitFor();
  await shoot(agent, 'dry-run');

  const customer = await page('America/New_York');
  await signInAs(customer, stack.url, 'customer:kore-demo');
  await customer.goto('/portal');
  await customer.locator('main table tbody tr').first().waitFor();
  await shoot(customer, 'portal');
  await customer.goto(`/portal/case/${kore}`);
  await customer.getByRole('heading', { level: 1 }).waitFor();
  await shoot(customer, 'portal-ticket');
} finally {
  await bed.close();
}
