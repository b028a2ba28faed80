/**
 * The policy pages' view logic (no DOM): how a pasted document is sent, what a dry run says in a
 * sentence, a changed cell's deadlines side by side, whether Publish may be pressed, where a
 * re-plan stands, and presets apart from custom policies. The server validates, plans and
 * compares; this module only names and arranges what it answered.
 */

import type { components } from '../../../client/compiled-openapi.ts';
import { deadlineLabel } from './deadline-view.ts';

export type PolicyDryRun = components['schemas']['PolicyDryRun'];
export type PolicyVersion = components['schemas']['PolicyVersion'];
export type PolicyChange = PolicyDryRun['changes'][number];
export type Replan = NonNullable<PolicyVersion['replan']>;
type PolicySummary = components['schemas']['PolicyList']['items'][number];
type SampleDeadline = PolicyChange['before'][number];

/** The media type of a pasted document: JSON when it is an object, YAML otherwise (JSON is YAML too, but a JSON body gets JSON's errors). */
export function documentMediaType(text: string): 'application/json' | 'application/yaml' {
  return text.trimStart().startsWith('{') ? 'application/json' : 'application/yaml';
}

/** Publish is offered only after a successful dry run of exactly this text (for this policy). */
export function canPublish(checked: { text: string; target: string } | undefined, text: string, target: string): boolean {
  return checked !== undefined && checked.text === text && checked.target === target && text.trim() !== '';
}

/** A deadline of a changed cell, before and after, on one line: `response` 10:00 → 09:00. */
export interface DeadlinePair {
  readonly label: string;
  readonly before?: string;
  readonly after?: string;
}

/**
 * A changed cell's deadlines paired by name (response, escalation 1, update…), in the order they
 * fall due under the new version, then those only the old one had. A deadline on one side only
 * has the other side left out (it was added, or removed).
 */
export function pairDeadlines(change: Pick<PolicyChange, 'before' | 'after'>): DeadlinePair[] {
  const key = (d: SampleDeadline) => `${d.kind}.${d.level ?? ''}`;
  const byDue = (a: SampleDeadline, b: SampleDeadline) => Date.parse(a.due) - Date.parse(b.due);
  const before = new Map(change.before.map((d) => [key(d), d]));
  const pairs: DeadlinePair[] = [];
  for (const d of [...change.after].sort(byDue)) {
    const old = before.get(key(d));
    before.delete(key(d));
    pairs.push({ label: deadlineLabel(d), ...(old !== undefined && { before: old.due }), after: d.due });
  }
  for (const d of [...before.values()].sort(byDue)) pairs.push({ label: deadlineLabel(d), before: d.due });
  return pairs;
}

/** "2 severities added (urgent, minor); 1 tier removed (bronze)". Empty when nothing was added or removed. */
export function addedRemovedText(dryRun: Pick<PolicyDryRun, 'severities' | 'tiers' | 'regions'>): string[] {
  const lines: string[] = [];
  const kinds = [
    ['severity', 'severities', dryRun.severities],
    ['tier', 'tiers', dryRun.tiers],
    ['region', 'regions', dryRun.regions],
  ] as const;
  for (const [one, many, lists] of kinds) {
    for (const [word, names] of [
      ['added', lists.added],
      ['removed', lists.removed],
    ] as const) {
      if (names.length > 0) lines.push(`${names.length} ${names.length === 1 ? one : many} ${word}: ${names.join(', ')}`);
    }
  }
  return lines;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The dry run in a sentence, for the live region: nothing stored, what changes for new tickets, what moves for open ones. */
export function dryRunSummary(dryRun: PolicyDryRun): string {
  const what =
    dryRun.previous === undefined ? `version ${dryRun.version} of a new policy` : `version ${dryRun.version} against ${dryRun.previous}`;
  const cells =
    dryRun.previous === undefined
      ? ''
      : dryRun.changes.length === 0
        ? ' New tickets get the same deadlines.'
        : ` ${plural(dryRun.changes.length, 'plan changes', 'plans change')} for new tickets (${dryRun.unchanged} unchanged).`;
  const open = dryRun.openTickets;
  const moved =
    dryRun.calendarsChanged.length === 0
      ? ''
      : ` Calendar ${dryRun.calendarsChanged.join(', ')} changes: ${plural(open.moved, 'open ticket', 'open tickets')} of ${open.examined}${open.complete ? '' : ' looked at (the first ones only; publishing re-plans them all)'} would have ${open.moved === 1 ? 'its' : 'their'} deadlines moved.`;
  return `The document is valid: nothing was stored (${what}).${cells}${moved}`;
}

/** Where a re-plan of open tickets stands, in a sentence. */
export function replanText(replan: Replan): string {
  const counts = `${plural(replan.examined, 'open ticket', 'open tickets')} examined, ${replan.replanned} re-planned${replan.failed > 0 ? `, ${replan.failed} failed (a re-run picks them up)` : ''}`;
  return replan.state === 'running' ? `Re-planning open tickets: ${counts} so far.` : `Re-plan done: ${counts}.`;
}

/** Whether to read the version again for its re-plan's progress. */
export function replanRunning(version: Pick<PolicyVersion, 'replan'> | undefined): boolean {
  return version?.replan?.state === 'running';
}

/** How often a running re-plan is read again. */
export const REPLAN_POLL_MS = 2000;

/** What a refused publish means, for the person who pressed the button (their text stays in the box). */
export function publishConflictText(status: number, target: string | undefined): string | undefined {
  if (status !== 409) return undefined;
  return target === undefined
    ? 'A policy with this id already exists: publish it as a new version from its page, or change the id. Your text is kept.'
    : 'Someone published another version of this policy first. Your text is kept: check its changes again against the new latest version (and its version number), then publish.';
}

/** The policy picker's groups: presets shipped with the service, then the organisation's own. */
export function policyGroups<P extends Pick<PolicySummary, 'id' | 'preset'>>(policies: readonly P[]): { label: string; items: P[] }[] {
  return [
    { label: 'Presets', items: policies.filter((p) => p.preset) },
    { label: 'Custom policies', items: policies.filter((p) => !p.preset) },
  ].filter((group) => group.items.length > 0);
}

/** The text a new version starts from: the current document as JSON, with the next version number. */
export function nextVersionText(document: Readonly<Record<string, unknown>>, latest: number): string {
  return `${compactJson({ ...document, version: latest + 1 })}\n`;
}

/** The text a new policy copied from a preset starts from: the preset's document as JSON under `id`, as version 1. */
export function copyText(document: Readonly<Record<string, unknown>>, id: string): string {
  return `${compactJson({ ...document, id, version: 1 })}\n`;
}

/** An instant in the viewer's zone and in UTC (once, when the viewer is in UTC). */
export function inViewerZoneAndUtc(instant: string, viewer: string, format: (instant: string, zone: string) => string): string[] {
  return viewer === 'UTC' ? [format(instant, 'UTC')] : [format(instant, viewer), format(instant, 'UTC')];
}

/** How long a line of values or a small object may be to stay on one line. */
const INLINE_WIDTH = 72;

/**
 * JSON indented like `JSON.stringify(value, null, 2)`, except that a list of plain values, or an
 * object of plain values, that fits on a line stays on one line (`"mon": ["08:30-17:00"]`,
 * `"standard": { "response": "2h" }`), so a policy reads about as compactly as its YAML. The text
 * parses back to the same value.
 */
export function compactJson(value: unknown, indent = ''): string {
  const inner = `${indent}  `;
  const plain = (v: unknown) => v === null || typeof v !== 'object' || compactJson(v).length <= INLINE_WIDTH / 2;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => compactJson(item, inner));
    const line = `[${items.join(', ')}]`;
    if (value.every(plain) && !line.includes('\n') && line.length <= INLINE_WIDTH) return line;
    return `[\n${items.map((item) => inner + item).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const fields = entries.map(([key, v]) => `${JSON.stringify(key)}: ${compactJson(v, inner)}`);
    const line = `{ ${fields.join(', ')} }`;
    if (entries.every(([, v]) => plain(v)) && !line.includes('\n') && line.length <= INLINE_WIDTH) return line;
    return `{\n${fields.map((field) => inner + field).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
