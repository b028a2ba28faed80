/**
 * The tier review page's view logic (no DOM): the quarter to offer, whether a dry run shown is of
 * what would be applied, and how a move and a history entry read.
 */

import type { components } from '../../../client/compiled-openapi.ts';

export type TierReview = components['schemas']['TierReview'];
export type TierMove = TierReview['moves'][number];
export type TierEntry = components['schemas']['Org']['tiers'][number];

/** The quarter after the one `now` falls in (UTC): reviews are usually run for the coming or the just-begun quarter. */
export function quarterOf(now: number, ahead = 0): string {
  const date = new Date(now);
  const index = Math.floor(date.getUTCMonth() / 3) + ahead;
  return `${date.getUTCFullYear() + Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** "gold → platinum", or "stays gold". */
export function moveText(move: Pick<TierMove, 'from' | 'to'>): string {
  return move.from === move.to ? `stays ${move.to}` : `${move.from} → ${move.to}`;
}

export const TIER_SOURCES: Record<TierEntry['source'], string> = { admin: 'set by an administrator', review: 'quarterly review' };

/** Whether the dry run shown is of exactly what would be applied now. */
export function sameInput(
  a: { policy: string; quarter: string; csv: string },
  b: { policy: string; quarter: string; csv: string },
): boolean {
  return a.policy === b.policy && a.quarter === b.quarter && a.csv === b.csv;
}
