/** What the agent's browser tests open: KORE urgent tickets, as the KORE demo customer. */

import { expect } from 'vitest';
import type { ConsoleStack } from '../support/console-stack.ts';

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
