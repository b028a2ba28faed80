/**
 * `GET /queue` without `?policy=`: every policy's queue at once, each in its own work order. The
 * lists are merged on their heads (a k-way merge): the next item is always the head of one
 * policy's list, the one due soonest, so no policy's order is ever broken (a Kolmisoft platinum
 * ticket due later still comes before a bronze one due sooner). There is no common order across
 * policies beyond that.
 *
 * Paging: the cursor carries each policy's own cursor (where its list resumes after the last
 * item shown), or `null` for a list that is done. Each page reads one window of `limit` items
 * per policy; the merge stops where a window runs out before its list does.
 */

import { PRESET_IDS } from '#shared/policies/presets.ts';
import { nextDue, type Ticket } from '#shared/tickets/ticket.ts';
import type { Page, TicketStore } from '#shared/tickets/ticket-store.ts';
import { badCursor, encodeCursor } from '../adapters/dynamo/cursor-codec.ts';

/** Per policy: its cursor, `null` when its list is done, absent when it starts from the top. */
type Positions = Partial<Record<string, string | null>>;

export async function mergedQueue(store: TicketStore, options: { cursor?: string | undefined; limit: number }): Promise<Page<Ticket>> {
  const positions = decodePositions(options.cursor);
  const lists = await Promise.all(
    PRESET_IDS.map(async (id): Promise<Page<Ticket>> => {
      const at = positions[id];
      return at === null ? { items: [] } : store.queue(id, { cursor: at, limit: options.limit });
    }),
  );
  const taken = lists.map(() => 0);
  const items: Ticket[] = [];
  while (items.length < options.limit) {
    // A window used up before its list: its next head is unknown, so nothing can be compared with it.
    if (lists.some((list, i) => taken[i] === list.items.length && list.cursor !== undefined)) break;
    let best: number | undefined;
    for (const [i, list] of lists.entries()) {
      const head = list.items[taken[i] as number];
      if (head !== undefined && (best === undefined || before(head, lists[best]?.items[taken[best] as number] as Ticket))) best = i;
    }
    if (best === undefined) break;
    items.push(lists[best]?.items[taken[best] as number] as Ticket);
    taken[best] = (taken[best] as number) + 1;
  }
  const next: Positions = {};
  for (const [i, id] of PRESET_IDS.entries()) {
    const list = lists[i] as Page<Ticket>;
    const count = taken[i] as number;
    const more = count < list.items.length || list.cursor !== undefined;
    // Resume after the last item shown; a window that came back empty but not done moves on by its own cursor.
    const resume = count > 0 ? list.after?.[count - 1] : list.items.length === 0 ? list.cursor : positions[id];
    next[id] = more ? resume : null;
  }
  const done = PRESET_IDS.every((id) => next[id] === null);
  return { items, ...(!done && { cursor: encodeCursor(next) }) };
}

/** Which of two heads goes first: the one due sooner, then the older case. */
function before(a: Ticket, b: Ticket): boolean {
  const dueA = nextDue(a) ?? Number.POSITIVE_INFINITY;
  const dueB = nextDue(b) ?? Number.POSITIVE_INFINITY;
  return dueA < dueB || (dueA === dueB && a.caseId < b.caseId);
}

/** A merged cursor names policies only, each with a string (checked by the store when used) or `null`. */
function decodePositions(cursor: string | undefined): Positions {
  if (cursor === undefined) return {};
  let positions: unknown;
  try {
    positions = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  const valid =
    typeof positions === 'object' &&
    positions !== null &&
    !Array.isArray(positions) &&
    Object.entries(positions).every(
      ([id, at]) => (PRESET_IDS as readonly string[]).includes(id) && (at === null || (typeof at === 'string' && at.length > 0)),
    );
  if (!valid) throw badCursor();
  return positions as Positions;
}
