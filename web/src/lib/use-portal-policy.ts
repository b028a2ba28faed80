/** The signed-in customer's policy as the portal reads it (`GET /policies/{id}`), loaded once per tab. */

import { api, ok } from './api.ts';
import { type PortalPolicy, portalPolicyOf } from './ticket-form.ts';
import { type Loaded, useLoad } from './use-load.ts';

const loaded = new Map<string, Promise<PortalPolicy>>();

function portalPolicy(id: string): Promise<PortalPolicy> {
  let policy = loaded.get(id);
  if (policy === undefined) {
    policy = ok(api().GET('/policies/{id}', { params: { path: { id } } })).then(portalPolicyOf);
    // A failed read is not kept: the next view asks again.
    policy.catch(() => loaded.delete(id));
    loaded.set(id, policy);
  }
  return policy;
}

/** The policy `id` (the session's `me.policy`); without one, a problem that says so. */
export function usePortalPolicy(id: string | undefined): Loaded<PortalPolicy> {
  return useLoad(
    () =>
      id === undefined
        ? Promise.reject(new Error('your organisation has no support policy yet; ask your support contact'))
        : portalPolicy(id),
    [id],
  );
}
