/**
 * The roles' on-call schedules: every role the presets name (and any with a stored schedule),
 * each role's rotation and overrides (admins write, staff read), and who is on call at an
 * instant. Everyone a schedule names must be in the directory; a write carries the version it
 * read (the rotation) or retries on a lost race (an override, which names no version).
 */

import { DomainError } from '#shared/domain-error.ts';
import type { StoredSchedule, WriteCondition } from '#shared/oncall/ports.ts';
import { whoIsOnCall } from '#shared/oncall/rotation.ts';
import {
  type Override,
  overrideConflicts,
  type RoleSchedule,
  roleScheduleSchema,
  SCHEDULE_LIMITS,
} from '#shared/oncall/schedule-schema.ts';
import { isPresetId, PRESET_IDS } from '#shared/policies/presets.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { readableSchedules } from '../lib/readable-schedules.ts';
import { directoryOf, staleVersion } from './oncall-operations.ts';
import * as schemas from './oncall-schemas.ts';
import { roleScheduleView } from './oncall-views.ts';
import type { ApiDeps, ApiRequest, Operation } from './operation.ts';
import { remembered, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';

/** How often an override's read-modify-write is tried when another writer got there first. */
const WRITE_ATTEMPTS = 5;

type RoleRoute = Extract<RouteKey, `${string} /roles${string}`>;

export const ROLE_OPERATIONS: Record<RoleRoute, Operation> = {
  'GET /roles': async (_, deps) => {
    const directory = directoryOf(deps);
    const now = deps.now();
    const roles = await policyRoleNames(deps);
    // A stored schedule failing its schema answers its role with `unreadable` (only the policies' roles are known then).
    const { schedules: stored, unreadable } = await readableSchedules(directory, [...roles.keys()], () => directory.listSchedules());
    for (const role of stored.keys()) if (!roles.has(role)) roles.set(role, role);
    const onCall = new Map([...stored].map(([role, s]) => [role, whoIsOnCall(s.schedule, now)]));
    const names = await namesOf([...new Set([...onCall.values()].flat())], deps);
    const items = [...roles].map(([role, name]) => {
      const schedule = stored.get(role);
      const { version, ...view } = roleScheduleView(role, schedule);
      const people = (onCall.get(role) ?? []).map((id) => ({ id, name: names.get(id) ?? id }));
      const problem = unreadable.get(role);
      return {
        ...view,
        name,
        onCall: people,
        ...(schedule !== undefined && { version }),
        ...(problem !== undefined && { unreadable: problem }),
      };
    });
    return { status: 200, body: { items } };
  },

  'GET /roles/{role}/rotation': async (request, deps) => {
    const role = roleOf(request);
    return { status: 200, body: roleScheduleView(role, await directoryOf(deps).getSchedule(role)) };
  },

  'PUT /roles/{role}/rotation': async (request, deps) => {
    const role = roleOf(request);
    const { rotation, layers, version } = validate(schemas.rotationBody(), request.body);
    const named = (path: string) => (id: string, i: number) => ({ id, path: `${path}.participants[${i}]` });
    const layerPeople = (layers ?? []).flatMap((layer, l) => layer.participants.map(named(`layers[${l}]`)));
    await mustExist([...rotation.participants.map(named('rotation')), ...layerPeople], deps);
    const directory = directoryOf(deps);
    const stored = await directory.getSchedule(role);
    if (version !== (stored?.version ?? 0)) throw staleVersion({ version: stored?.version ?? 0 });
    const kept = layers ?? stored?.schedule.layers ?? [];
    const schedule: RoleSchedule = {
      role,
      rotation,
      ...(kept.length > 0 && { layers: kept }),
      overrides: stored?.schedule.overrides ?? [],
    };
    mustBeStorable(schedule);
    return { status: 200, body: roleScheduleView(role, await directory.putSchedule(schedule, conditionOf(stored), deps.now())) };
  },

  'POST /roles/{role}/overrides': async (request, deps) => {
    const role = roleOf(request);
    const override = validate(schemas.overrideBody(), request.body);
    const people =
      override.kind === 'add'
        ? [{ id: override.person, path: 'person' }]
        : [
            { id: override.from, path: 'from' },
            { id: override.to, path: 'to' },
          ];
    await mustExist(people, deps);
    const stored = await changeSchedule(role, deps, (overrides) => {
      if (overrides.some((o) => o.id === override.id)) throw new DomainError('conflict', `${role} has an override ${override.id} already`);
      if (overrides.length >= SCHEDULE_LIMITS.overrides) {
        throw new DomainError(
          'validation_failed',
          `${role} has ${SCHEDULE_LIMITS.overrides} overrides, the most it may: delete past ones first`,
        );
      }
      const added = [...overrides, override];
      const problems = conflictsOfNew(added, overrides.length);
      if (problems.length > 0) throw new DomainError('validation_failed', 'the override does not fit the schedule', problems);
      return added;
    });
    return remembered(request, deps, { status: 201, body: roleScheduleView(role, stored) });
  },

  'DELETE /roles/{role}/overrides/{id}': async (request, deps) => {
    const { role, id } = validate(schemas.overridePath(), request.params, 'path');
    await changeSchedule(role, deps, (overrides) => {
      if (!overrides.some((o) => o.id === id)) throw new DomainError('not_found', `${role} has no override ${id}`);
      return overrides.filter((o) => o.id !== id);
    });
    return { status: 204, body: undefined };
  },

  'GET /roles/{role}/oncall': async (request, deps) => {
    const role = roleOf(request);
    const { at = deps.now() } = validate(schemas.onCallQuery(), request.query, 'query');
    const stored = await directoryOf(deps).getSchedule(role);
    const ids = stored === undefined ? [] : whoIsOnCall(stored.schedule, at);
    const names = await namesOf(ids, deps);
    return { status: 200, body: { role, at: formatInstant(at), people: ids.map((id) => ({ id, name: names.get(id) ?? id })) } };
  },
};

/** Every role a policy names (the latest version of each, by id), with the name its first policy gives it. */
async function policyRoleNames(deps: ApiDeps): Promise<Map<string, string>> {
  const roles = new Map<string, string>();
  const catalog = deps.policies;
  // The presets first, in their order (their names win, as before custom policies), then the others by id.
  const rank = (id: string) => (isPresetId(id) ? PRESET_IDS.indexOf(id) : PRESET_IDS.length);
  const heads = [...(await catalog.heads())].sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  for (const head of heads) {
    const policy = await catalog.version(head.id, head.latest);
    if (policy === undefined) continue;
    for (const [role, { name }] of Object.entries(policy.spec.roles)) if (!roles.has(role)) roles.set(role, name);
  }
  return roles;
}

function roleOf(request: ApiRequest): string {
  return validate(schemas.rolePath(), request.params, 'path').role;
}

const conditionOf = (stored: StoredSchedule | undefined): WriteCondition =>
  stored === undefined ? { mustBeNew: true } : { expectedVersion: stored.version };

/** Refuses ids that are nobody in the directory, each at its path (one batched read). */
async function mustExist(people: readonly { id: string; path: string }[], deps: ApiDeps): Promise<void> {
  const found = new Set((await directoryOf(deps).getPeople([...new Set(people.map((p) => p.id))])).map((p) => p.id));
  const missing = people.filter((p) => !found.has(p.id));
  if (missing.length > 0) {
    throw new DomainError(
      'validation_failed',
      'the schedule names people who are not in the directory',
      missing.map(({ id, path }) => ({ path, message: `no person ${id}` })),
    );
  }
}

async function namesOf(ids: readonly string[], deps: ApiDeps): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  return new Map((await directoryOf(deps).getPeople(ids)).map((p) => [p.id, p.name]));
}

/** Reads the role's schedule, changes its overrides and writes it back unless someone wrote meanwhile (then again, a few times). */
async function changeSchedule(
  role: string,
  deps: ApiDeps,
  change: (overrides: readonly Override[]) => Override[],
): Promise<StoredSchedule> {
  const directory = directoryOf(deps);
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    const stored = await directory.getSchedule(role);
    // The rotation and its layers stay as they are; only the overrides change.
    const schedule: RoleSchedule = { ...(stored?.schedule ?? { role }), overrides: change(stored?.schedule.overrides ?? []) };
    mustBeStorable(schedule);
    try {
      return await directory.putSchedule(schedule, conditionOf(stored), deps.now());
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'version_conflict' && error.code !== 'conflict')) throw error;
    }
  }
  throw new DomainError('version_conflict', `the schedule of ${role} kept changing; try again`);
}

/**
 * The conflicts an added override (at `index`) takes part in, named at its own fields: `start`
 * when it starts inside another replacement of the same person, `end` when it runs into one that
 * starts later (`overrideConflicts` names the later of a pair).
 */
function conflictsOfNew(overrides: readonly Override[], index: number): Array<{ path: string; message: string }> {
  const added = overrides[index];
  return overrideConflicts(overrides)
    .filter(({ between }) => between.includes(index))
    .map(({ path, message, between }) => {
      if (path[1] === index || added?.kind !== 'replace') return { path: String(path[2]), message };
      const other = between[0] === index ? between[1] : between[0];
      return { path: 'end', message: `runs into overrides[${other}], which also replaces "${added.from}"` };
    });
}

/**
 * Refuses (422) a schedule the table's schema would refuse: stored, it would fail every later read
 * of the role (`GET /roles`, the notify Lambda's pages), so nothing is written that cannot be read back.
 */
function mustBeStorable(schedule: RoleSchedule): void {
  try {
    validate(roleScheduleSchema({ stored: true }), schedule, 'schedule');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError('validation_failed', 'the resulting schedule would not be valid', error.errors);
  }
}
