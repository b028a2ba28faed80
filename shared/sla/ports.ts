/** Ports for the side effects of deadlines. Adapters (SNS, EventBridge Scheduler, local stand-ins) live outside `shared/`. */

import type { Notice } from './notices.ts';
import type { DeadlineInvocation, ScheduledDeadline } from './schedules.ts';

export interface Pager {
  /** Publishes one notice to its role (SMS subscribers only get `page` deliveries). */
  publish(
    notice: Notice,
    attributes: {
      readonly severity: string;
      readonly kind: string;
      readonly deadline: string;
      readonly caseId: number;
      readonly level?: number;
    },
  ): Promise<void>;
}

export interface DeadlineScheduler {
  /** Creates a one-shot schedule; one that already exists counts as created. */
  create(schedule: ScheduledDeadline, version: number): Promise<void>;
  /** Deletes a schedule; one that does not exist counts as deleted. */
  remove(name: string): Promise<void>;
}

export interface DeadlineHandoff {
  /** Hands a deadline to notify to be carried out asynchronously; resolves once it was accepted (not run). */
  handOff(invocation: DeadlineInvocation): Promise<void>;
}
