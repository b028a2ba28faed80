/**
 * Role schedules read so that one stored item failing its schema (written before the API checked
 * whole schedules, or by hand) does not fail the read of every role: the batch is tried first, and
 * only when it throws a schema error is each role read on its own, the failing ones set apart.
 */

// The class by name: reaching it through `z.core` keeps zod's whole core namespace (every locale) in the bundle.
import { $ZodError } from 'zod/v4/core';
import type { Directory, StoredSchedule } from '#shared/oncall/ports.ts';
import { formatPath } from '#shared/policy/policy-error.ts';

export interface ReadableSchedules {
  readonly schedules: Map<string, StoredSchedule>;
  /** Role → the first problem its stored schedule has. */
  readonly unreadable: Map<string, string>;
}

/** `batch` reads the schedules at once; on a schema error, the `roles` are read one by one. */
export async function readableSchedules(
  directory: Pick<Directory, 'getSchedule'>,
  roles: readonly string[],
  batch: () => Promise<Iterable<StoredSchedule>>,
): Promise<ReadableSchedules> {
  const unreadable = new Map<string, string>();
  try {
    return { schedules: new Map([...(await batch())].map((stored) => [stored.schedule.role, stored])), unreadable };
  } catch (error) {
    if (!(error instanceof $ZodError)) throw error;
  }
  const schedules = new Map<string, StoredSchedule>();
  for (const role of new Set(roles)) {
    try {
      const stored = await directory.getSchedule(role);
      if (stored !== undefined) schedules.set(role, stored);
    } catch (error) {
      if (!(error instanceof $ZodError)) throw error;
      const [issue] = error.issues;
      unreadable.set(role, issue === undefined ? 'fails its schema' : `${formatPath(issue.path)}: ${issue.message}`);
    }
  }
  return { schedules, unreadable };
}
