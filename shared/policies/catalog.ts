/**
 * The policy catalog the service resolves policies through: the compiled presets answer for the
 * preset versions they hold without any I/O (they are identical to the seeded items), every other
 * version is read from the store once and kept (versions are immutable), and the latest version of
 * a policy is its head, cached for `LATEST_MAX_AGE_MS`.
 */

import { DomainError } from '#shared/domain-error.ts';
import { Policy } from '#shared/policy/policy.ts';
import type { PolicySpec } from '#shared/policy/policy-schema.ts';
import type { SlaSnapshot } from '#shared/sla/deadline.ts';
import type { PolicyCatalog, PolicyHead, PolicyStore } from './policy-store.ts';
import { LATEST_MAX_AGE_MS } from './policy-store.ts';
import { compiledPresetHeads, isPresetId, keepPolicyVersion, knownPolicyVersion, policyOf } from './presets.ts';

export class CachingPolicyCatalog implements PolicyCatalog {
  private readonly versions = new Map<string, Promise<Policy | undefined>>();
  private readonly latestVersions = new Map<string, { readonly at: number; readonly head: Promise<PolicyHead | undefined> }>();

  /** Without a store: the compiled presets alone (tests and tools that store no policy). */
  constructor(
    private readonly store: PolicyStore | undefined,
    private readonly now: () => number,
    private readonly maxAgeMs = LATEST_MAX_AGE_MS,
  ) {}

  version(id: string, version: number): Promise<Policy | undefined> {
    const known = knownPolicyVersion(id, version);
    if (known !== undefined || this.store === undefined) return Promise.resolve(known);
    const key = `${id}@${version}`;
    let loaded = this.versions.get(key);
    if (loaded === undefined) {
      const store = this.store;
      loaded = store.version(id, version).then((record) => {
        if (record === undefined) return undefined;
        const policy = Policy.fromSpec(JSON.parse(record.spec) as PolicySpec);
        keepPolicyVersion(policy);
        return policy;
      });
      // A failed read is not kept; a version that does not exist may be published later.
      loaded.then(
        (policy) => policy === undefined && this.versions.delete(key),
        () => this.versions.delete(key),
      );
      this.versions.set(key, loaded);
    }
    return loaded;
  }

  async forTicket(sla: SlaSnapshot): Promise<Policy> {
    await this.required(sla.policyId, sla.policyVersion);
    if (sla.calendarsVersion !== undefined) await this.required(sla.policyId, sla.calendarsVersion);
    return policyOf(sla);
  }

  private async required(id: string, version: number): Promise<Policy> {
    const policy = await this.version(id, version);
    if (policy === undefined) throw new DomainError('policy_mismatch', `policy ${id} v${version} is not stored`);
    return policy;
  }

  async latest(id: string): Promise<Policy | undefined> {
    const head = await this.head(id);
    if (head !== undefined) return this.version(id, head.latest);
    // Not stored (yet): a preset's compiled current version.
    const preset = compiledPresetHeads().find((h) => h.id === id);
    return preset && this.version(id, preset.latest);
  }

  async heads(): Promise<readonly PolicyHead[]> {
    const stored = this.store === undefined ? [] : await this.store.heads();
    const known = new Set(stored.map((h) => h.id));
    return [...stored, ...compiledPresetHeads().filter((h) => !known.has(h.id))].sort((a, b) => a.id.localeCompare(b.id));
  }

  private head(id: string): Promise<PolicyHead | undefined> {
    if (this.store === undefined) return Promise.resolve(undefined);
    const now = this.now();
    const cached = this.latestVersions.get(id);
    if (cached !== undefined && now - cached.at <= this.maxAgeMs) return cached.head;
    const head = this.store.head(id);
    // "No such policy" is not kept, or a policy published just after a lookup (the console's
    // page, a client that checked first) would stay missing for the max age. A preset not seeded
    // yet is the exception: its compiled current version answers, as the seeded head would.
    head.then(
      (found) => found === undefined && !isPresetId(id) && this.latestVersions.delete(id),
      () => this.latestVersions.delete(id),
    );
    this.latestVersions.set(id, { at: now, head });
    return head;
  }
}

/** The compiled presets alone, no I/O (tests and tools that store no policy, and callers given no catalog). */
export const PRESET_CATALOG: PolicyCatalog = new CachingPolicyCatalog(undefined, () => 0);
