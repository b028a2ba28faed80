/** The ticket notify's tests page for: urgent, so its first escalation is due the moment it opens. */

import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, type Ticket } from '#shared/tickets/ticket.ts';
import type { TestTable } from './test-table.ts';

/**
 * Opens an urgent ticket for ACME (KORE, premium, region us) at the table clock's now and stores it.
 * Its first escalation pages the manager and tells the director and the VP.
 */
export async function storeUrgentTicket(table: TestTable): Promise<Ticket> {
  const kore = loadPreset('kore');
  const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'premium', region: 'us' }, kore, table.clock.now());
  const change = openTicket(
    await table.store.nextCaseId(),
    org,
    kore,
    { subject: 'API down', description: 'd', severity: 'urgent' },
    { kind: 'customer', id: 'c' },
    table.clock.now(),
  );
  await table.store.createTicket(change);
  return change.ticket;
}
