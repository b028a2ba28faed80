/**
 * The policy dry run as a time line: each deadline the engine planned, in time order, with who it
 * pages, tells and assigns, and which of those pages only happen because the desk is closed.
 */

import type { FieldError } from '#shared/domain-error.ts';
import type { components } from '../../../client/compiled-openapi.ts';
import { deadlineLabel } from './deadline-view.ts';
import { fromLocalInput } from './format.ts';

export type PlanPreview = components['schemas']['PlanPreview'];
type Planned = PlanPreview['deadlines'][number];

export interface PlanStep {
  readonly key: string;
  readonly due: string;
  /** "escalation 1", "response", … */
  readonly label: string;
  /** A target (response, update, resolution) acts only if it is missed; an escalation step acts when due. */
  readonly ifMissed: boolean;
  readonly assign?: string;
  readonly page: readonly string[];
  readonly notify: readonly string[];
  /** Roles paged only because the after-hours calendar is closed at `due`. */
  readonly afterHours: readonly string[];
}

/** The plan's deadlines in time order (the engine's order among those due together). */
export function planSteps(preview: PlanPreview): PlanStep[] {
  return preview.deadlines
    .map((d: Planned, i): PlanStep & { i: number } => ({
      i,
      key: `${d.kind}.${d.level ?? i}`,
      due: d.due,
      label: deadlineLabel(d),
      ifMissed: d.kind !== 'escalation',
      ...(d.assign !== undefined && { assign: d.assign }),
      page: d.page ?? [],
      notify: d.notify ?? [],
      afterHours: d.afterHours ?? [],
    }))
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due) || a.i - b.i)
    .map(({ i: _, ...step }) => step);
}

/** What a step does, in words: "assigns tier2; pages manager and oncall; tells director and vp". */
export function stepActions(step: PlanStep): string {
  const list = (roles: readonly string[]) => roles.join(' and ');
  const parts = [
    ...(step.assign === undefined ? [] : [`assigns ${step.assign}`]),
    ...(step.page.length === 0 ? [] : [`pages ${list(step.page)}`]),
    ...(step.notify.length === 0 ? [] : [`tells ${list(step.notify)}`]),
  ];
  return parts.length === 0 ? 'nobody is paged or told' : parts.join('; ');
}

export interface PlanForm {
  readonly policy: string;
  readonly severity: string;
  readonly tier: string;
  /** '' for the policy's default region. */
  readonly region: string;
  /** A `datetime-local` value in the viewer's zone. */
  readonly at: string;
}

/** The request body, or the fields that are missing under the paths the API would name. */
export function planRequest(form: PlanForm): { body: PlanBody } | { problems: FieldError[] } {
  const problems: FieldError[] = [];
  if (form.severity === '') problems.push({ path: 'severity', message: 'choose a severity' });
  if (form.tier === '') problems.push({ path: 'tier', message: 'choose a tier' });
  const at = form.at === '' ? undefined : fromLocalInput(form.at);
  if (at === undefined) problems.push({ path: 'at', message: 'give the date and time the ticket opens' });
  if (problems.length > 0 || at === undefined) return { problems };
  return {
    body: {
      severity: form.severity,
      tier: form.tier,
      ...(form.region !== '' && { region: form.region }),
      at: new Date(at).toISOString(),
    },
  };
}

export interface PlanBody {
  readonly severity: string;
  readonly tier: string;
  readonly region?: string;
  readonly at: string;
}
