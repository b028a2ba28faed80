/**
 * A closure day reaching open tickets on the local stack: publishing a netcor copy's version that
 * closes 2026-12-24 re-plans the open tickets through the normal write, schedule-sync moves their
 * schedules from the stream (the Scheduler stand-in holds the new due, not the old), and the
 * ticket pages at the new due, not the old. A re-plan whose runner is gone is finished by the
 * sweeper's run on the manual clock 10 minutes on.
 */

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { newReplan, REPLAN_STALLED_AFTER_MS } from '#shared/policies/policy-store.ts';
import { presetFile } from '#shared/policies/presets.ts';
import { compilePolicyText } from '#shared/policy/compile-policy.ts';
import { scheduleName } from '#shared/sla/schedules.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const NETCOR = readFileSync(presetFile('netcor'), 'utf8').replace(/^id: netcor$/m, 'id: netcor-local');
const CLOSED = NETCOR.replace(/^version: 1\n/m, '').replace(
  'holidays: { country: DE, region: NI }',
  'holidays: { country: DE, region: NI, dates: ["2026-12-24"] }',
);
const yaml = (text: string) => ({ rawBody: text, headers: { 'content-type': 'application/yaml' } });
type Ticket = { caseId: number; deadlines: Array<{ id: string; kind: string; due: string | null }> };

describe('a calendar change on the local stack', () => {
  let table: TestTable, runtime: LocalRuntime, call: ReturnType<typeof caller>;
  beforeEach(async () => {
    // Monday 21 Dec 2026, 10:00 in Berlin.
    table = await testTable('2026-12-21T09:00:00.000Z');
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock });
    call = caller(runtime.api);
  });
  afterEach(() => runtime.stop());

  /** netcor-local v1 published, an org on it, and one open low ticket. */
  async function openTicketOnV1() {
    expect((await call('POST', '/policies', { claims: as.admin(), ...yaml(NETCOR) })).status).toBe(201);
    const org = { id: 'xmas-local', name: 'Xmas', policy: 'netcor-local', tier: 'standard' };
    expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
    const opened = await call<Ticket>('POST', '/tickets', {
      claims: as.customer(org.id),
      body: { subject: 'Question', description: 'd', severity: 'low', fields: { softwareVersion: '1', systemDetails: 'x' } },
    });
    expect(opened.status).toBe(201);
    return opened;
  }

  it('moves the stored deadline and its schedule, and the ticket pages at the new due', async () => {
    const opened = await openTicketOnV1();
    const response = opened.body.deadlines.find((d) => d.kind === 'response');
    if (response?.due == null) throw new Error('no response deadline');
    const oldDue = Date.parse(response.due);
    expect(oldDue).toBe(Date.parse('2026-12-28T09:00:00Z'));
    await runtime.settle();
    const group = 'sla-escalator';
    const schedulesOf = () => ({
      old: runtime.scheduler.has(group, scheduleName(opened.body.caseId, response.id, oldDue)),
      moved: runtime.scheduler.has(group, scheduleName(opened.body.caseId, response.id, Date.parse('2026-12-29T09:00:00Z'))),
    });
    expect(schedulesOf()).toEqual({ old: true, moved: false });

    const dryRun = await call<{ openTickets: { moved: number } }>('POST', '/policies/netcor-local/versions', {
      claims: as.admin(),
      query: { dryRun: 'true' },
      ...yaml(CLOSED),
    });
    expect(dryRun.body.openTickets.moved).toBe(1);
    expect(schedulesOf()).toEqual({ old: true, moved: false });

    expect((await call('POST', '/policies/netcor-local/versions', { claims: as.admin(), ...yaml(CLOSED) })).status).toBe(201);
    await runtime.settle();
    expect(schedulesOf()).toEqual({ old: false, moved: true });
    const stored = await table.store.getTicket(opened.body.caseId);
    expect(stored?.deadlines.find((d) => d.id === response.id)?.due).toBe(Date.parse('2026-12-29T09:00:00Z'));

    // Nothing pages at the old due; the response's breach is sent at the new one.
    await runtime.advanceTo(oldDue + 60_000);
    const pagesFor = () => runtime.outbox.items.filter((item) => JSON.stringify(item).includes(String(opened.body.caseId)));
    expect(pagesFor()).toEqual([]);
    await runtime.advanceTo(Date.parse('2026-12-29T09:01:00Z'));
    expect(pagesFor().length).toBeGreaterThan(0);
  });

  it('finishes a re-plan left running by the sweeper once it has not moved for 10 minutes', async () => {
    const opened = await openTicketOnV1();
    // Version 2 stored with its re-plan, as a publish whose runner never started leaves it.
    const { spec } = compilePolicyText(`version: 2\n${CLOSED}`, 'netcor-local.yaml');
    const now = table.clock.now();
    const record = {
      id: 'netcor-local',
      version: 2,
      name: spec.name,
      document: {},
      spec: JSON.stringify(spec),
      publishedBy: 'test',
      publishedAt: now,
      calendarsChanged: true,
    };
    const head = { id: 'netcor-local', name: spec.name, latest: 2, preset: false, updatedAt: now };
    expect(await runtime.policyStore.publish(record, head, newReplan('netcor-local', 2, now))).toBe('published');

    await runtime.advanceTo(now + REPLAN_STALLED_AFTER_MS - 1);
    expect(await runtime.policyStore.replan('netcor-local', 2)).toMatchObject({ state: 'running', examined: 0 });
    await runtime.advanceTo(now + REPLAN_STALLED_AFTER_MS + 5 * 60_000);
    expect(await runtime.policyStore.replan('netcor-local', 2)).toMatchObject({ state: 'done', examined: 1, replanned: 1, failed: 0 });
    const ticket = await call<{ timeline: Array<{ type: string }> }>('GET', `/tickets/${opened.body.caseId}`, { claims: as.agent() });
    expect(ticket.body.timeline.map((e) => e.type)).toContain('calendar_changed');
  });
});
