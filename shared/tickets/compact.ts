/**
 * Keeps a ticket's planner input small: the ticket item carries only the events that can still
 * change a deadline, and folds the rest into a few numbers on the events that stay (see `Folded`).
 * The history itself lives in the timeline items. Planning from the compacted events gives the
 * same pending deadlines, with the same ids, as planning from every event (a property test checks
 * this on every preset); only settled deadlines of folded cycles and escalations drop out.
 *
 * What goes:
 * - messages that are not public staff messages (`customer_replied`, `note`): the planner ignores them;
 * - every severity change but the last (only the current severity counts);
 * - repeated `notified` events of one deadline (old items had one per role);
 * - public staff messages and their fired reminders, except the first message (the response
 *   time) and the last anchor of the update cadence, which carries its cycle number and how many
 *   of its reminders fired;
 * - escalations on demand that are settled for good (fired, or fell due in a finished resolved
 *   span), except the last one, which carries its number.
 * - repeated acknowledgements of one page (only the first counts), and acknowledgements of pages
 *   whose `notified` event went (a folded reminder or escalation), except the ticket's first
 *   acknowledgement, which `untilAcknowledged` steps wait for. An acknowledgement of a ladder step
 *   stays with the step's `notified` event: it is what keeps the step's re-pages cancelled.
 * Status changes all stay (the clocks need every stopped period); `MAX_ENTRIES` bounds them.
 */

import { contains, type Folded, statusPeriods, type TicketEvent } from './ticket-event.ts';

type Anchor = Extract<TicketEvent, { type: 'created' | 'responded' | 'updated' | 'reopened' }>;

const isAnchor = (e: TicketEvent): e is Anchor => e.type === 'responded' || e.type === 'updated' || e.type === 'reopened';

export function compactEvents(events: readonly TicketEvent[]): TicketEvent[] {
  // The planner reads events in time order (a stable sort); so does everything below.
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const firedIds = new Set(sorted.flatMap((e) => (e.type === 'notified' ? [e.deadline] : [])));
  const keep = new Map<TicketEvent, TicketEvent>();

  // Anchors: number each as the planner would; only the last one (and the first staff message) stays.
  const anchors: Array<{ event: Anchor; cycle: number; fired: number }> = [];
  for (const event of sorted) {
    if (event.type === 'created') anchors.splice(0, anchors.length, { event, cycle: 0, fired: event.fired ?? 0 });
    else if (isAnchor(event)) {
      const cycle = event.cycle ?? (anchors.at(-1)?.cycle ?? 0) + 1;
      if (event.cycle !== undefined) anchors.splice(0);
      anchors.push({ event, cycle, fired: event.fired ?? 0 });
    }
  }
  const live = anchors.at(-1);
  let liveFired = live?.fired ?? 0;
  if (live !== undefined) {
    while (firedIds.has(`update.${live.cycle}.${liveFired + 1}`)) liveFired++;
    keep.set(live.event, { ...live.event, ...folded(live.cycle, liveFired) });
  }
  const firstResponse = sorted.find((e) => e.type === 'responded' || e.type === 'updated');

  // Escalations on demand: the settled ones (fired, or due while the case was resolved, for good)
  // before the first that may still fire fold into the last of them.
  const createdAt = sorted.find((e) => e.type === 'created')?.at ?? sorted[0]?.at ?? 0;
  const resolved = statusPeriods(createdAt, sorted).resolved.filter((p) => p.end !== Number.POSITIVE_INFINITY);
  const settled = (event: TicketEvent, id: string) => firedIds.has(id) || contains(resolved, event.at);
  let count = 0;
  let lastFolded: TicketEvent | undefined;
  let folding = true;
  const foldedEscalations = new Set<TicketEvent>();
  for (const event of sorted) {
    if (event.type !== 'escalated') continue;
    count = event.n ?? count + 1;
    folding &&= settled(event, `escalated.${count}`);
    if (!folding) break;
    if (lastFolded !== undefined) foldedEscalations.add(lastFolded);
    lastFolded = event;
    keep.set(event, { ...event, n: count });
  }
  const droppedEscalationIds = new Set<string>();
  count = 0;
  for (const event of sorted) {
    if (event.type !== 'escalated') continue;
    count = event.n ?? count + 1;
    if (foldedEscalations.has(event)) droppedEscalationIds.add(`escalated.${count}`);
  }

  const lastSeverity = sorted.findLast((e) => e.type === 'severity_changed');
  const firstAck = sorted.find((e) => e.type === 'acknowledged');
  const acknowledged = new Set<string>();
  const notified = new Set<string>();
  const out: TicketEvent[] = [];
  for (const event of sorted) {
    switch (event.type) {
      case 'customer_replied':
      case 'note':
        continue;
      case 'severity_changed':
        if (event !== lastSeverity) continue;
        break;
      case 'responded':
      case 'updated':
        if (event !== live?.event && event !== firstResponse) continue;
        break;
      case 'escalated':
        if (foldedEscalations.has(event)) continue;
        break;
      case 'notified': {
        if (notified.has(event.deadline) || droppedEscalationIds.has(event.deadline) || isFoldedReminder(event.deadline)) continue;
        notified.add(event.deadline);
        out.push({ type: 'notified', at: event.at, deadline: event.deadline });
        continue;
      }
      case 'acknowledged': {
        const foldedPage = droppedEscalationIds.has(event.deadline) || isFoldedReminder(event.deadline);
        if (acknowledged.has(event.deadline) || (foldedPage && event !== firstAck)) continue;
        acknowledged.add(event.deadline);
        break;
      }
    }
    out.push(keep.get(event) ?? strip(event));
  }
  return out;

  /** An update reminder of a cycle before the live one, or one the live anchor now counts. */
  function isFoldedReminder(id: string): boolean {
    const match = /^update\.(\d+)\.(\d+)$/.exec(id);
    if (match === null) return false;
    const cycle = Number(match[1]);
    return cycle < (live?.cycle ?? 0) || (cycle === live?.cycle && Number(match[2]) <= liveFired);
  }
}

function folded(cycle: number, fired: number): Folded {
  return { ...(cycle > 0 && { cycle }), ...(fired > 0 && { fired }) };
}

/** An anchor that is not the live one keeps no numbers (they would restart the count there). */
function strip(event: TicketEvent): TicketEvent {
  if (!('cycle' in event || 'fired' in event)) return event;
  const { cycle: _cycle, fired: _fired, ...rest } = event as TicketEvent & Folded;
  return rest as TicketEvent;
}
