/**
 * A dry run of a policy: the deadlines a new ticket would get, in the wire format shared by the
 * CLI's `plan --json` and the API's `POST /policies/{id}/plan`.
 */

import type { Policy, RoleId } from '#shared/policy/policy.ts';
import { formatInstant } from '#shared/time/instant.ts';
import type { Deadline, DeadlineKind } from './deadline.ts';
import { planDeadlines } from './plan-deadlines.ts';

export interface PlanRequest {
  readonly severity: string;
  readonly tier: string;
  readonly region?: string | undefined;
  /** When the ticket is opened. */
  readonly at: number;
}

export interface PlannedDeadline {
  readonly kind: DeadlineKind;
  readonly due: string;
  readonly level?: number;
  readonly assign?: RoleId;
  readonly page?: readonly RoleId[];
  readonly notify?: readonly RoleId[];
  /** Of `page`, the roles paged only because the policy's after-hours calendar is closed at `due`. */
  readonly afterHours?: readonly RoleId[];
}

export interface PlanPreview {
  readonly policy: { readonly id: string; readonly version: number };
  /** The IANA zone of the ticket's calendar (its response clock); none when the tier has no SLA. */
  readonly zone?: string;
  readonly deadlines: readonly PlannedDeadline[];
}

/** The plan of a ticket opened at `request.at` with no events yet. */
export function previewDeadlines(policy: Policy, request: PlanRequest): Deadline[] {
  const region = policy.resolveRegion(request.region);
  return planDeadlines(
    {
      createdAt: request.at,
      sla: { policyId: policy.id, policyVersion: policy.version, severity: request.severity, tier: request.tier, region },
      events: [],
    },
    policy,
  );
}

export function previewPlan(policy: Policy, request: PlanRequest): PlanPreview {
  const region = policy.resolveRegion(request.region);
  const zone = policy.targets(request.severity, request.tier, region)?.clock.calendar.zoneName;
  return {
    policy: { id: policy.id, version: policy.version },
    ...(zone !== undefined && { zone }),
    deadlines: previewDeadlines(policy, request).map((d) => ({
      kind: d.kind,
      due: formatInstant(d.due as number),
      ...(d.level !== undefined && { level: d.level }),
      ...(d.assign !== undefined && { assign: d.assign }),
      ...(d.page !== undefined && d.page.length > 0 && { page: d.page }),
      ...(d.notify !== undefined && d.notify.length > 0 && { notify: d.notify }),
      ...afterHours(policy, d.severity, region, d.due as number),
    })),
  };
}

/** The roles a step pages because it falls outside the after-hours calendar (the planner added them to `page`). */
function afterHours(policy: Policy, severity: string, region: string | undefined, due: number): { afterHours?: readonly RoleId[] } {
  const roles = policy.afterHoursPages(severity, region, due);
  return roles.length > 0 ? { afterHours: roles } : {};
}
