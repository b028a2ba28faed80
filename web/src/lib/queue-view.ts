/**
 * The agent's queue: each open ticket as a row (its next deadline named, with the clock the API
 * computed), and the pages of the queue read again as one list, so a refresh replaces the rows
 * already shown in one go instead of emptying the table.
 */

import type { components } from '../../../client/compiled-openapi.ts';
import type { Clock } from './countdown.ts';
import { deadlineLabel } from './deadline-view.ts';

export type TicketSummary = components['schemas']['TicketSummary'];
/** The next pending deadline of a listed ticket, with its clock. */
export type NextDeadline = NonNullable<TicketSummary['next']>;

export interface QueueAnswer {
  readonly items: readonly TicketSummary[];
  readonly cursor?: string;
}

export interface QueueRow {
  readonly caseId: number;
  readonly href: string;
  readonly org: string;
  readonly severity: string;
  readonly tier: string;
  readonly subject: string;
  /** "unassigned" when nobody is. */
  readonly assignee: string;
  /** The next pending deadline; its clock, when the API gives one, ticks in a countdown. */
  readonly next?: { readonly label: string; readonly due: string; readonly clock?: Clock };
}

export function queueRow(ticket: TicketSummary): QueueRow {
  const next = ticket.next;
  return {
    caseId: ticket.caseId,
    href: `/case/${ticket.caseId}`,
    org: ticket.org,
    severity: ticket.severity,
    tier: ticket.tier,
    subject: ticket.subject,
    assignee: ticket.assignee ?? 'unassigned',
    ...(next !== undefined && {
      next: { label: deadlineLabel(next), due: next.due, ...(next.clock !== undefined && { clock: next.clock }) },
    }),
  };
}

export interface LoadedQueue {
  readonly rows: readonly QueueRow[];
  /** Where "Load more" goes on; none at the end of the queue. */
  readonly cursor?: string;
  /** How many pages the rows came from (what a refresh reads again). */
  readonly pages: number;
}

/**
 * Reads `pages` pages of the queue from the top (at least one), following the cursor, and stops
 * early at the end. A ticket that moved up between two pages is shown once.
 */
export async function readQueue(readPage: (cursor: string | undefined) => Promise<QueueAnswer>, pages: number): Promise<LoadedQueue> {
  let cursor: string | undefined;
  let read = 0;
  const rows: QueueRow[] = [];
  do {
    const page = await readPage(cursor);
    read++;
    rows.push(...page.items.map(queueRow));
    cursor = page.cursor;
  } while (cursor !== undefined && read < pages);
  return { rows: distinct(rows), pages: read, ...(cursor !== undefined && { cursor }) };
}

/** The queue with the page after `loaded.cursor` added at its end. */
export async function readMore(readPage: (cursor: string | undefined) => Promise<QueueAnswer>, loaded: LoadedQueue): Promise<LoadedQueue> {
  const page = await readPage(loaded.cursor);
  return {
    rows: distinct([...loaded.rows, ...page.items.map(queueRow)]),
    pages: loaded.pages + 1,
    ...(page.cursor !== undefined && { cursor: page.cursor }),
  };
}

function distinct(rows: readonly QueueRow[]): QueueRow[] {
  const seen = new Set<number>();
  return rows.filter((row) => !seen.has(row.caseId) && seen.add(row.caseId));
}
