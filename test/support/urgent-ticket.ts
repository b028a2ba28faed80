/** The ticket notify's tests page for: urgent, so its first escalation is due the moment it opens. */

import { PRESET_CATALOG } from '#shared/policies/catalog.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import type { Pager } from '#shared/sla/ports.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, type Ticket, type TicketChange } from '#shared/tickets/ticket.ts';
import type { NotifyDeps } from '../../functions/notify/notify.ts';
import { type TestTable, testTable } from './test-table.ts';

/** An urgent ticket for ACME (KORE, premium, region us), opened by a customer at `now`. Its first escalation pages the manager and tells the director and the VP. */
export function openUrgentTicket(caseId: number, now: number): TicketChange {
  const kore = loadPreset('kore');
  const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'premium', region: 'us' }, kore, now);
  return openTicket(caseId, org, kore, { subject: 'API down', description: 'd', severity: 'urgent' }, { kind: 'customer', id: 'c' }, now);
}

/** Opens the urgent ticket at the table clock's now and stores it. */
export async function storeUrgentTicket(table: TestTable): Promise<Ticket> {
  const change = openUrgentTicket(await table.store.nextCaseId(), table.clock.now());
  await table.store.createTicket(change);
  return change.ticket;
}

/** What notify's tests start from: a fresh table at 14:00 UTC on a Monday, the urgent ticket stored, notify's dependencies over both. */
export interface UrgentPaging<P extends Pager> {
  readonly table: TestTable;
  readonly pager: P;
  readonly deps: NotifyDeps;
  readonly ticket: Ticket;
}

/** `waits`: whether notify's waits move the table's clock to their end, or return at once (the clock stays). */
export async function urgentPaging<P extends Pager>(pager: P, waits: 'move-clock' | 'return-at-once'): Promise<UrgentPaging<P>> {
  const table = await testTable('2026-03-02T14:00:00Z');
  const waitUntil = waits === 'move-clock' ? async (instant: number) => table.clock.moveTo(instant) : async () => {};
  const deps: NotifyDeps = { policies: PRESET_CATALOG, store: table.store, pager, now: table.clock.now, waitUntil };
  return { table, pager, deps, ticket: await storeUrgentTicket(table) };
}
