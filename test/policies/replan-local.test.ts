/**
 * A stalled re-plan on the local stack: its runner gone after the publish stored it, the sweeper's
 * run on the manual clock finds it 10 minutes later and the in-process publisher finishes it.
 */

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { newReplan, REPLAN_STALLED_AFTER_MS } from '#shared/policies/policy-store.ts';
import { presetFile } from '#shared/policies/presets.ts';
import { compilePolicyText } from '#shared/policy/compile-policy.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const NETCOR = readFileSync(presetFile('netcor'), 'utf8').replace(/^id: netcor$/m, 'id: stalled');
const CLOSED_24TH = (text: string) =>
  text
    .replace(/^version: 1$/m, 'version: 2')
    .replace('holidays: { country: DE, region: NI }', 'holidays: { country: DE, region: NI, dates: ["2026-12-24"] }');

describe('a stalled re-plan on the local stack', () => {
  let table: TestTable, runtime: LocalRuntime, call: ReturnType<typeof caller>;
  beforeEach(async () => {
    table = await testTable('2026-12-21T09:00:00.000Z');
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock });
    call = caller(runtime.api);
  });
  afterEach(() => runtime.stop());

  it('is finished by the sweeper once it has not moved for 10 minutes', async () => {
    const yaml = (text: string) => ({ claims: as.admin(), rawBody: text, headers: { 'content-type': 'application/yaml' } });
    expect(NETCOR).toContain('holidays: { country: DE, region: NI }');
    expect((await call('POST', '/policies', yaml(NETCOR))).status).toBe(201);
    const org = { id: 'acme', name: 'Acme', policy: 'stalled', tier: 'standard' };
    expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
    const opened = await call<{ caseId: number }>('POST', '/tickets', {
      claims: as.customer('acme'),
      body: { subject: 'slow', description: 'd', severity: 'low', fields: { softwareVersion: '1', systemDetails: 'x' } },
    });
    expect(opened.status).toBe(201);
    // Version 2 stored with its re-plan, as a publish whose runner never started leaves it.
    const { spec } = compilePolicyText(CLOSED_24TH(NETCOR), 'stalled.yaml');
    const now = table.clock.now();
    const record = {
      id: 'stalled',
      version: 2,
      name: spec.name,
      document: {},
      spec: JSON.stringify(spec),
      publishedBy: 'test',
      publishedAt: now,
      calendarsChanged: true,
    };
    const head = { id: 'stalled', name: spec.name, latest: 2, preset: false, updatedAt: now };
    expect(await runtime.policyStore.publish(record, head, newReplan('stalled', 2, now))).toBe('published');

    await runtime.advanceTo(now + REPLAN_STALLED_AFTER_MS - 1);
    expect(await runtime.policyStore.replan('stalled', 2)).toMatchObject({ state: 'running', examined: 0 });
    await runtime.advanceTo(now + REPLAN_STALLED_AFTER_MS + 5 * 60_000);
    expect(await runtime.policyStore.replan('stalled', 2)).toMatchObject({ state: 'done', examined: 1, replanned: 1, failed: 0 });
    const ticket = await call<{ timeline: Array<{ type: string }> }>('GET', `/tickets/${opened.body.caseId}`, { claims: as.agent() });
    expect(ticket.body.timeline.map((e) => e.type)).toContain('calendar_changed');
  });
});
