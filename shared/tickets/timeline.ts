/**
 * A ticket's timeline: who acted, and the entries a change records (every event, and assignments,
 * which plan nothing). The ticket item keeps only the events that can still move a deadline; the
 * timeline keeps the whole history (see `timeline-events.ts` for the events it implies).
 */

import { EVENT_TYPES } from './ticket-event.ts';

export const ACTOR_KINDS = ['customer', 'staff', 'system'] as const;

export interface Actor {
  readonly kind: (typeof ACTOR_KINDS)[number];
  /** The authenticated subject (or `system`). */
  readonly id: string;
}

/**
 * What a timeline entry records: an event, or what plans nothing: an assignment, a category
 * change, time logged, corrected or deleted (see `time-log.ts`).
 */
export const TIMELINE_ENTRY_TYPES = [
  ...EVENT_TYPES,
  'assigned',
  'category_changed',
  'time_logged',
  'time_corrected',
  'time_deleted',
  /** A calendar change of the ticket's policy reached it (docs/policies.md): its deadlines were re-planned. */
  'calendar_changed',
] as const;
type TimelineEntryType = (typeof TIMELINE_ENTRY_TYPES)[number];

export interface TimelineEntry {
  readonly seq: number;
  readonly at: number;
  readonly type: TimelineEntryType;
  readonly actor: Actor;
  readonly body?: string;
  readonly public?: boolean;
  readonly detail?: Readonly<Record<string, string>>;
}
