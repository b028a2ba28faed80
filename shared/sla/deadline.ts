/** What a ticket's SLA plan is made of: the snapshot a ticket fixes at creation, and its deadlines. */

import type { RoleId } from '#shared/policy/policy.ts';
import type { TicketEvent } from '#shared/tickets/ticket-event.ts';

/** What a ticket fixed about its SLA when it was created. A later plan change does not touch it. */
export interface SlaSnapshot {
  readonly policyId: string;
  readonly policyVersion: number;
  readonly severity: string;
  readonly tier: string;
  readonly region?: string | undefined;
  /**
   * The later version of the same policy whose calendars (by name) the ticket's clocks now run on:
   * a calendar change reaches open tickets, a target change does not (docs/policies.md). None: the
   * calendars of `policyVersion` (every ticket before such a change).
   */
  readonly calendarsVersion?: number | undefined;
}

export interface PlanningTicket {
  readonly createdAt: number;
  readonly sla: SlaSnapshot;
  readonly events: readonly TicketEvent[];
}

export const DEADLINE_KINDS = ['response', 'escalation', 'update', 'resolution'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_STATES = ['pending', 'met', 'breached', 'cancelled'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export interface Deadline {
  /** Stable and unique within the ticket; safe in schedule names (`[0-9a-zA-Z._-]`). */
  readonly id: string;
  readonly kind: DeadlineKind;
  /** UTC epoch ms; `null` while a paused clock is stopped. */
  readonly due: number | null;
  readonly state: DeadlineState;
  /** The severity whose targets produced this deadline. */
  readonly severity: string;
  readonly level?: number;
  /** For on-demand escalations: who asked. */
  readonly trigger?: 'customer' | 'staff';
  readonly assign?: RoleId;
  readonly page?: readonly RoleId[];
  readonly notify?: readonly RoleId[];
  /** When it was met or answered late. */
  readonly settledAt?: number;
  /** For re-pages and the page after them: the id of the step whose unacknowledged page they repeat. */
  readonly repageOf?: string;
  /** The page after the last re-page, without a backup role: the step's roles again, to the next person on call. */
  readonly escalateTo?: 'next-in-rotation';
}
