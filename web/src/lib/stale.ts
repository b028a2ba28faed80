/**
 * When a view asks the API again because a countdown went stale (it passed a boundary its answer
 * did not cover: the calendar opened or closed). A stale countdown asks on every tick, and an
 * answer may still be stale (the server's clock a moment behind), so: one read at a time, and not
 * again within a few seconds of the last answer.
 */

export const STALE_RETRY_MS = 5_000;

export function shouldReadAgain(reading: boolean, receivedAt: number, now: number): boolean {
  return !reading && now - receivedAt >= STALE_RETRY_MS;
}
