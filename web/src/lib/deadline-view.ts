/**
 * What the agent's ticket page says about deadlines: their names, the ladder (steps carried out,
 * read from the timeline's `notified` entries, and steps still to come), and a re-plan beside the
 * current plan. Grouping and naming only: every instant and state comes from the API.
 */

import type { components } from '../../../client/compiled-openapi.ts';

export type Deadline = components['schemas']['Deadline'];
export type TimelineEntry = components['schemas']['TimelineEntry'];

/** "response", "escalation 2", "escalation on demand (customer)", "update", "resolution". */
export function deadlineLabel(deadline: Pick<Deadline, 'kind' | 'level' | 'trigger'> & Partial<Pick<Deadline, 'id' | 'repageOf'>>): string {
  if (deadline.kind !== 'escalation') return deadline.kind;
  if (deadline.trigger !== undefined) return `escalation on demand (${deadline.trigger})`;
  const step = deadline.level === undefined ? 'escalation' : `escalation ${deadline.level}`;
  return deadline.repageOf === undefined ? step : `${step}, ${repageName(deadline.id ?? '')}`;
}

/** `….r2` is the step's second re-page; `….backup` the page after the last one. */
function repageName(id: string): string {
  const n = /\.r(\d+)$/.exec(id)?.[1];
  return n !== undefined ? `re-page ${n}` : id.endsWith('.backup') ? 'backup page' : 're-page';
}

/** The name of a deadline known only by its id (a step whose deadline has since been re-planned away). */
function labelOfId(id: string): string {
  const match = /^escalation\.[^.]+\.(\d+)(\.(?:r\d+|backup))?$/.exec(id);
  if (match?.[1] !== undefined) return match[2] === undefined ? `escalation ${match[1]}` : `escalation ${match[1]}, ${repageName(id)}`;
  if (id.startsWith('escalated.')) return 'escalation on demand';
  if (id.startsWith('update.')) return 'update';
  return id;
}

export interface Delivery {
  /** The role told (manager, director, …). */
  readonly role: string;
  /** The person on call it reached (a page to a person), else the role's topic. */
  readonly person?: string;
  readonly channels: readonly string[];
  /** A person's channels that got nothing, with why: `sms +49… (opted out)`. */
  readonly skipped: readonly string[];
  /** The SMS waits for the throttle (it goes out in a bundle). */
  readonly held: boolean;
  /** Nobody was on call for the role: its topic was paged. */
  readonly nobodyOnCall: boolean;
  readonly at: string;
  /** The ticket was answered while the step was carried out: the roles after this one were not told. */
  readonly stopped: boolean;
}

export interface CarriedOutStep {
  readonly deadline: string;
  readonly label: string;
  /** When the step was carried out (its first delivery). */
  readonly at: string;
  /** Empty when the step had nobody to page. */
  readonly deliveries: readonly Delivery[];
}

export interface StepToCome {
  readonly deadline: string;
  readonly label: string;
  readonly due: string;
  readonly page: readonly string[];
  readonly notify: readonly string[];
  readonly assign?: string;
}

export interface Ladder {
  readonly carriedOut: readonly CarriedOutStep[];
  readonly toCome: readonly StepToCome[];
}

/**
 * The ladder of a ticket: from the timeline entries loaded so far (any order), the steps carried
 * out, one per deadline in the order they happened; and the pending escalations in due order.
 */
export function ladderOf(deadlines: readonly Deadline[], entries: readonly TimelineEntry[]): Ladder {
  const byId = new Map(deadlines.map((d) => [d.id, d]));
  type Building = Omit<Delivery, 'channels' | 'skipped' | 'held'> & { channels: string[]; skipped: string[]; held: boolean };
  const carriedOut = new Map<string, Omit<CarriedOutStep, 'deliveries'> & { deliveries: Building[] }>();
  const notified = entries.filter((e) => e.type === 'notified' && e.detail?.deadline !== undefined).sort((a, b) => a.seq - b.seq);
  for (const entry of notified) {
    const detail = entry.detail as Record<string, string>;
    const id = detail.deadline as string;
    let step = carriedOut.get(id);
    if (step === undefined) {
      const deadline = byId.get(id);
      step = { deadline: id, label: deadline === undefined ? labelOfId(id) : deadlineLabel(deadline), at: entry.at, deliveries: [] };
      carriedOut.set(id, step);
    }
    if (detail.role === undefined) continue;
    // A page to a person is one entry per channel: they read as one line per person.
    const same = step.deliveries.find((d) => d.person !== undefined && d.person === detail.person && d.role === detail.role);
    const delivery: Building = same ?? {
      role: detail.role,
      ...(detail.person !== undefined && { person: detail.person }),
      channels: detail.person === undefined ? (detail.channels ?? '').split(',').filter((c) => c !== '') : [],
      skipped: [],
      held: false,
      nobodyOnCall: detail.nobody === 'true',
      at: entry.at,
      stopped: detail.stopped === 'true',
    };
    if (detail.person !== undefined && detail.channel !== undefined) {
      const where = detail.to === undefined ? detail.channel : `${detail.channel} ${detail.to}`;
      if (detail.skipped !== undefined) delivery.skipped.push(`${where} (${detail.skipped})`);
      else delivery.channels.push(detail.channel);
      if (detail.held === 'true') delivery.held = true;
    }
    if (same === undefined) step.deliveries.push(delivery);
  }
  const toCome = deadlines
    .filter((d): d is Deadline & { due: string } => d.kind === 'escalation' && d.state === 'pending' && d.due !== null)
    .sort((a, b) => Date.parse(a.due) - Date.parse(b.due))
    .map(
      (d): StepToCome => ({
        deadline: d.id,
        label: deadlineLabel(d),
        due: d.due,
        page: d.page ?? [],
        notify: d.notify ?? [],
        ...(d.assign !== undefined && { assign: d.assign }),
      }),
    );
  return { carriedOut: [...carriedOut.values()], toCome };
}

/** Deadlines soonest first; those without a due instant (a stopped clock) last. */
export function byDue<D extends Pick<Deadline, 'due' | 'id'>>(deadlines: readonly D[]): D[] {
  const due = (d: D) => (d.due === null ? Number.POSITIVE_INFINITY : Date.parse(d.due));
  return [...deadlines].sort((a, b) => due(a) - due(b) || a.id.localeCompare(b.id));
}

export interface ReplanRow {
  readonly key: string;
  readonly label: string;
  readonly before?: Deadline;
  readonly after?: Deadline;
}

/**
 * The current deadlines beside the re-planned ones (a severity change): the same step of either
 * plan on one row (escalation ids name the severity, so steps pair by level), in due order.
 */
export function replanRows(current: readonly Deadline[], replanned: readonly Deadline[]): ReplanRow[] {
  const key = (d: Deadline) =>
    d.kind === 'escalation' && d.level !== undefined && d.trigger === undefined && d.repageOf === undefined
      ? `escalation.${d.level}`
      : d.id;
  const rows = new Map<string, { before?: Deadline; after?: Deadline }>();
  for (const d of current) rows.set(key(d), { before: d });
  for (const d of replanned) rows.set(key(d), { ...rows.get(key(d)), after: d });
  const sortDue = (row: { before?: Deadline; after?: Deadline }) => {
    const due = row.after?.due ?? row.before?.due;
    return due === null || due === undefined ? Number.POSITIVE_INFINITY : Date.parse(due);
  };
  return [...rows]
    .sort(([, a], [, b]) => sortDue(a) - sortDue(b))
    .map(([k, row]) => ({ key: k, label: deadlineLabel((row.after ?? row.before) as Deadline), ...row }));
}

/** Timeline pages read at different times as one list: each entry once (by seq), in time order. */
export function entriesInOrder(...pages: ReadonlyArray<readonly TimelineEntry[]>): TimelineEntry[] {
  const bySeq = new Map(pages.flat().map((entry) => [entry.seq, entry]));
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
