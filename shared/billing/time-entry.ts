/**
 * The time ledger: work logged on tickets, as immutable revisions. Logging an entry writes its
 * revision 1; a correction writes the next revision of the same entry (a deletion is a revision
 * with `deleted: true`); nothing is ever rewritten, so any past state of the ledger can be read
 * back (`currentEntries(revisions, asOf)`), which is what keeps issued statements frozen.
 */

/** The most minutes one entry may hold: a day. */
export const MAX_ENTRY_MINUTES = 24 * 60;

export interface TimeEntryRevision {
  /** The entry's id, the same for all its revisions. */
  readonly entry: string;
  /** 1 when logged; 2, 3… for each correction. */
  readonly rev: number;
  readonly caseId: number;
  readonly org: string;
  /** The ticket's tier, as snapshotted when it was opened. */
  readonly tier: string;
  readonly category?: string | undefined;
  /** Whole minutes, 0 to `MAX_ENTRY_MINUTES`. */
  readonly minutes: number;
  /** Already `false` when the policy's free categories include the ticket's category. */
  readonly billable: boolean;
  /** When the work was done (ms): decides the period it counts in. */
  readonly at: number;
  /** When this revision was written (server time, ms). */
  readonly recordedAt: number;
  /** Who logged or corrected it. */
  readonly by: string;
  readonly note?: string | undefined;
  readonly deleted?: true | undefined;
}

/**
 * The entries as the ledger stood at `asOf`: of each entry, the latest revision recorded at or
 * before `asOf` (the highest `rev`), without the deleted ones. In order of `at`, then entry id.
 */
export function currentEntries(revisions: Iterable<TimeEntryRevision>, asOf: number): TimeEntryRevision[] {
  const latest = new Map<string, TimeEntryRevision>();
  for (const revision of revisions) {
    if (revision.recordedAt > asOf) continue;
    const seen = latest.get(revision.entry);
    if (seen === undefined || revision.rev > seen.rev) latest.set(revision.entry, revision);
  }
  return [...latest.values()]
    .filter((revision) => revision.deleted !== true)
    .sort((a, b) => a.at - b.at || (a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0));
}
