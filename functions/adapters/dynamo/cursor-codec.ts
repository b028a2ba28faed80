/**
 * Cursors handed out by the lists: the next case id of the all-tickets walk, or an index page's
 * last key in base64url JSON. A cursor comes back from a client, so it is checked to be exactly
 * one this API could have handed out before DynamoDB sees it; anything else is a 400.
 */

import { DomainError } from '#shared/domain-error.ts';
import { keyParts } from './table-design.ts';

/** A case id as the all-tickets walk hands it out (at most 15 digits, so a safe integer). */
const CASE_ID_CURSOR = /^\d{1,15}$/;

export function badCursor(): DomainError {
  return new DomainError('bad_request', 'the cursor is not one this API handed out', [
    { path: 'cursor', message: 'not a cursor from this API' },
  ]);
}

/** The case id a cursor of the all-tickets walk names (decimal digits only). */
export function decodeCaseIdCursor(cursor: string): number {
  if (!CASE_ID_CURSOR.test(cursor)) throw badCursor();
  return Number(cursor);
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** A cursor is accepted only if it is exactly a key of this index and partition (anything else is a 400). */
export function decodeCursor(
  cursor: string | undefined,
  attributes: readonly string[],
  partition: readonly [string, string],
  isItemKey: (key: Record<string, unknown>) => boolean = keyParts.isTicketKey,
): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw badCursor();
  // Exactly the index's key attributes, each a non-empty string (DynamoDB refuses empty key values
  // with a 400 of its own, which would surface as our 500); the table key one of the items the
  // list pages over (a ticket's, unless told otherwise); the partition the one asked for.
  const entries = Object.entries(key);
  const exact =
    entries.length === attributes.length &&
    entries.every(([name, value]) => attributes.includes(name) && typeof value === 'string' && value.length > 0 && value.length <= 1024);
  const record = key as Record<string, unknown>;
  if (!exact || !isItemKey(record) || record[partition[0]] !== partition[1]) throw badCursor();
  return record;
}
