/** A fresh test table holding one organisation, ACME on kore's premium tier in the us region: the store tests' starting point. */

import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg, type Org } from '#shared/tickets/org.ts';
import { type TestTable, testTable } from './test-table.ts';

export async function tableWithAcme(): Promise<{ table: TestTable; org: Org }> {
  const table = await testTable();
  const org = defineOrg('acme', { name: 'ACME', policy: 'kore', tier: 'premium', region: 'us' }, loadPreset('kore'), table.clock.now());
  await table.store.putOrg(org, { mustBeNew: true });
  return { table, org };
}
