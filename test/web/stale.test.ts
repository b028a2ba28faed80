import { describe, expect, it } from 'vitest';
import { STALE_RETRY_MS, shouldReadAgain } from '../../web/src/lib/stale.ts';

describe('shouldReadAgain', () => {
  const received = 1_000_000;

  it('reads again for a stale countdown once the last answer is a few seconds old', () => {
    expect(shouldReadAgain(false, received, received + STALE_RETRY_MS)).toBe(true);
  });

  it('does not ask on every tick: not while a read is under way, nor right after an answer', () => {
    expect(shouldReadAgain(true, received, received + 60_000)).toBe(false);
    expect(shouldReadAgain(false, received, received + STALE_RETRY_MS - 1)).toBe(false);
  });
});
