/**
 * Every organisation, read page by page from the org list (a GSI, eventually consistent), with
 * the orgs a request names read by id (consistently) when the list does not have them yet.
 */

import { DomainError } from '#shared/domain-error.ts';
import type { Org } from '#shared/tickets/org.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';

/** More organisations than this is more than one request should read; it stops with an error, never a partial list. */
export const MAX_ORGS = 5_000;
const PAGE = 100;

export async function everyOrg(store: Pick<TicketStore, 'listOrgs' | 'getOrg'>, named: readonly string[] = []): Promise<Org[]> {
  const orgs = new Map<string, Org>();
  let cursor: string | undefined;
  do {
    if (orgs.size >= MAX_ORGS) throw new DomainError('conflict', `more than ${MAX_ORGS} organisations to read in one request`);
    const page = await store.listOrgs({ cursor, limit: PAGE });
    for (const org of page.items) orgs.set(org.id, org);
    cursor = page.cursor;
  } while (cursor !== undefined);
  for (const id of new Set(named)) {
    if (orgs.has(id)) continue;
    const org = await store.getOrg(id);
    if (org !== undefined) orgs.set(id, org);
  }
  return [...orgs.values()];
}
