/**
 * The planner events a timeline records, rebuilt from its entries: the ticket item keeps only a
 * compacted set (see `compact.ts`), the timeline keeps them all. Used to audit a ticket's plan
 * against its whole history (tests, the chaos run).
 */

import { ACK_CHANNELS, type TicketEvent } from './ticket-event.ts';
import type { TimelineEntry } from './timeline.ts';

export function eventsOfTimeline(entries: readonly TimelineEntry[]): TicketEvent[] {
  return [...entries]
    .sort((a, b) => a.seq - b.seq)
    .flatMap((entry): TicketEvent[] => {
      const { type, at } = entry;
      switch (type) {
        case 'assigned':
        case 'category_changed':
        case 'time_logged':
        case 'time_corrected':
        case 'time_deleted':
        case 'calendar_changed':
          return [];
        case 'severity_changed':
          return [{ type, at, severity: entry.detail?.to ?? '' }];
        case 'escalated':
          // A repeat that joined a pending escalation (see `escalateTicket`) planned nothing.
          if (entry.detail?.joined !== undefined) return [];
          return [{ type, at, by: entry.actor.kind === 'customer' ? 'customer' : 'staff' }];
        case 'notified':
          // Pages sent before the ticket was answered mid-step (see `recordNotified`): the step never fired.
          if (entry.detail?.stopped !== undefined) return [];
          return [{ type, at, deadline: entry.detail?.deadline ?? '' }];
        case 'acknowledged': {
          const via = ACK_CHANNELS.find((channel) => channel === entry.detail?.via) ?? 'console';
          return [{ type, at, deadline: entry.detail?.deadline ?? '', by: entry.detail?.by ?? entry.actor.id, via }];
        }
        default:
          return [{ type, at }];
      }
    });
}
