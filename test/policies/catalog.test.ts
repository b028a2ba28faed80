import { describe, expect, it } from 'vitest';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import type { PolicyHead, PolicyStore } from '#shared/policies/policy-store.ts';

/** A store that answers only `head`, counting the reads, with the head set by the test. */
function headStore(): { store: PolicyStore; reads: () => number; publish: (head: PolicyHead | undefined) => void } {
  let current: PolicyHead | undefined;
  let reads = 0;
  const store = {
    head: async () => {
      reads++;
      return current;
    },
    version: async () => undefined,
  } as unknown as PolicyStore;
  return { store, reads: () => reads, publish: (head) => (current = head) };
}

describe('the policy catalog', () => {
  it('does not keep "no such policy": one published a moment after a lookup is found at once', async () => {
    const { store, publish, reads } = headStore();
    const catalog = new CachingPolicyCatalog(store, () => 0);
    expect(await catalog.latest('netcor-2h')).toBeUndefined();
    publish({ id: 'netcor-2h', name: 'NETCOR 2h', latest: 1, preset: false, updatedAt: 0 });
    // The head is found now (the version read answers nothing in this fake, which is the next step).
    await catalog.latest('netcor-2h');
    expect(reads()).toBe(2);
  });

  it('keeps a head it found for its maximum age', async () => {
    const { store, publish, reads } = headStore();
    let now = 0;
    const catalog = new CachingPolicyCatalog(store, () => now, 30_000);
    publish({ id: 'p', name: 'P', latest: 1, preset: false, updatedAt: 0 });
    await catalog.latest('p');
    now = 30_000;
    await catalog.latest('p');
    expect(reads()).toBe(1);
    now = 30_001;
    await catalog.latest('p');
    expect(reads()).toBe(2);
  });
});
