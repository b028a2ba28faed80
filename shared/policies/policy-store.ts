/**
 * Policies as stored data: immutable versions, a head per policy naming its latest version, and
 * the progress of a re-plan of open tickets after a calendar change. The port; the DynamoDB
 * adapter is functions/adapters/dynamo/policies.ts.
 */

import type { Policy } from '#shared/policy/policy.ts';
import type { SlaSnapshot } from '#shared/sla/deadline.ts';

/** One published version, as stored: never changed once written. */
export interface PolicyVersionRecord {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  /** The document as written (JSON), public holidays as rules, not expanded. */
  readonly document: Readonly<Record<string, unknown>>;
  /** The compiled spec (holidays as dates), what `Policy.fromSpec` takes, as JSON text. */
  readonly spec: string;
  readonly publishedBy: string;
  readonly publishedAt: number;
  /** Whether a calendar differs from the version before (the change then reaches open tickets). */
  readonly calendarsChanged: boolean;
}

/** A policy's head: its name and latest version (the list of policies is a list of heads). */
export interface PolicyHead {
  readonly id: string;
  readonly name: string;
  readonly latest: number;
  /** Seeded from the presets shipped with the service. */
  readonly preset: boolean;
  readonly updatedAt: number;
}

/** Where a re-plan of a policy's open tickets after a calendar change (version `version`) stands. */
export interface ReplanProgress {
  readonly id: string;
  readonly version: number;
  readonly state: 'running' | 'done';
  readonly examined: number;
  readonly replanned: number;
  readonly failed: number;
  /** Where the walk over the policy's open tickets resumes; none: from the start (or done). */
  readonly cursor?: string | undefined;
  /** Bumped by every save, which is conditional on the one read (two runners never both advance). */
  readonly revision: number;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly finishedAt?: number | undefined;
}

/** A re-plan about to start: nothing looked at yet, from the start of the walk. */
export function newReplan(id: string, version: number, now: number): ReplanProgress {
  return { id, version, state: 'running', examined: 0, replanned: 0, failed: 0, revision: 0, startedAt: now, updatedAt: now };
}

export type PublishOutcome = 'published' | 'conflict';

export interface PolicyStore {
  head(id: string): Promise<PolicyHead | undefined>;
  /** Every policy's head, by id (at most `MAX_POLICIES`). */
  heads(): Promise<PolicyHead[]>;
  version(id: string, version: number): Promise<PolicyVersionRecord | undefined>;
  /** Newest first, below `below` when given. */
  versions(id: string, options: { below?: number | undefined; limit: number }): Promise<PolicyVersionRecord[]>;
  /**
   * Stores `record` and moves the head to it, all or nothing: the version must not exist and the
   * head must still name `record.version - 1` (none for version 1); otherwise `conflict`. With
   * `replan`, the re-plan's first progress item is written in the same transaction.
   */
  publish(record: PolicyVersionRecord, head: PolicyHead, replan?: ReplanProgress): Promise<PublishOutcome>;
  replan(id: string, version: number): Promise<ReplanProgress | undefined>;
  /** Saves progress over the revision read (`false`: someone else saved first). */
  saveReplan(progress: ReplanProgress, previousRevision: number): Promise<boolean>;
  /** Running re-plans that count as stalled at `at`: their progress last moved `REPLAN_STALLED_AFTER_MS` or more before. */
  stalledReplans(at: number): Promise<ReplanRef[]>;
}

/** Which re-plan: of policy `id`'s open tickets after its version `version`. */
export interface ReplanRef {
  readonly id: string;
  readonly version: number;
}

/**
 * A running re-plan whose progress has not moved for this long has lost its runner (an invocation
 * that failed for good, a hand-on that was lost) and is resumed by the sweeper. A run saves after
 * every batch of seconds and hands on every minute, so ten quiet minutes mean nobody is on it; a
 * runner that is alive after all loses nothing, because saves are conditional on the revision read.
 */
export const REPLAN_STALLED_AFTER_MS = 10 * 60_000;

/** Policies a deployment may hold (the list is one Query; a policy is a contract, so there are few). */
export const MAX_POLICIES = 200;

/**
 * Policies as the service runs on them: a version is immutable, so once read it is kept; the
 * latest version (what a new ticket is opened under) may be cached for `LATEST_MAX_AGE_MS`.
 */
export interface PolicyCatalog {
  /** The exact version (a ticket's), or `undefined` if it was never published. */
  version(id: string, version: number): Promise<Policy | undefined>;
  /** The latest version, at most `LATEST_MAX_AGE_MS` old; `undefined` for an unknown policy. */
  latest(id: string): Promise<Policy | undefined>;
  /** Every policy's head. */
  heads(): Promise<readonly PolicyHead[]>;
  /**
   * The policy a ticket's clocks run on: the version it was opened under, with the calendars of
   * `calendarsVersion` when a calendar change has reached it. A version that cannot be found is a
   * `policy_mismatch` (versions are never deleted).
   */
  forTicket(sla: SlaSnapshot): Promise<Policy>;
}

/** How long a process may keep using a policy's latest version after a newer one is published (new tickets follow within this). */
export const LATEST_MAX_AGE_MS = 30_000;

/** Starts (or resumes) the re-plan of a policy's open tickets after version `version` changed a calendar. */
export interface ReplanStarter {
  start(id: string, version: number): Promise<void>;
}
