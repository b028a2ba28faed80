import { readFileSync } from 'node:fs';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import { newReplan, type PolicyStore, type PolicyVersionRecord, REPLAN_STALLED_AFTER_MS } from '#shared/policies/policy-store.ts';
import { policyOf, presetFile } from '#shared/policies/presets.ts';
import { compilePolicyText } from '#shared/policy/compile-policy.ts';
import { Policy } from '#shared/policy/policy.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, postMessage, type TicketChange } from '#shared/tickets/ticket.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import { DynamoPolicyStore } from '../../functions/adapters/dynamo/policies.ts';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { BudgetedReplans, runReplan } from '../../functions/policy-publisher/replan.ts';
import { sweep } from '../../functions/sweeper/sweeper.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const MONDAY_10_BERLIN = '2026-12-21T09:00:00.000Z';
const NETCOR = readFileSync(presetFile('netcor'), 'utf8');

function record(id: string, version: number, edit: (yaml: string) => string = (y) => y): PolicyVersionRecord {
  const text = edit(NETCOR.replace(/^id: netcor$/m, `id: ${id}`).replace(/^version: 1$/m, `version: ${version}`));
  const { spec } = compilePolicyText(text, `${id}.yaml`);
  return {
    id,
    version,
    name: spec.name,
    document: {},
    spec: JSON.stringify(spec),
    publishedBy: 'test',
    publishedAt: 0,
    calendarsChanged: version > 1,
  };
}

const closed = (text: string) =>
  text.replace('holidays: { country: DE, region: NI }', 'holidays: { country: DE, region: NI, dates: ["2026-12-24"] }');

describe('re-planning open tickets after a calendar change', () => {
  let table: TestTable;
  let policies: PolicyStore;
  const caseIds: number[] = [];

  /** Five open low tickets on `id` v1, then v2 (the 24th closed) published with its re-plan's progress item. */
  async function arrange(id: string) {
    const v1 = record(id, 1);
    await policies.publish(v1, { id, name: v1.name, latest: 1, preset: false, updatedAt: 0 });
    const policy = Policy.fromSpec(JSON.parse(v1.spec));
    const org = defineOrg(`org-${id}`, { name: 'Org', policy: id, tier: 'standard' }, policy, table.clock.now());
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const caseId = await table.store.nextCaseId();
      const fields = { softwareVersion: '1', systemDetails: 'x' };
      const change = openTicket(
        caseId,
        org,
        policy,
        { subject: `t${i}`, description: 'd', severity: 'low', fields },
        { kind: 'customer', id: 'c' },
        table.clock.now(),
        {
          channel: 'api',
        },
      );
      await table.store.createTicket(change);
      ids.push(caseId);
    }
    const v2 = record(id, 2, closed);
    const now = table.clock.now();
    await policies.publish(v2, { id, name: v2.name, latest: 2, preset: false, updatedAt: now }, newReplan(id, 2, now));
    return ids;
  }

  beforeAll(async () => {
    table = await testTable(MONDAY_10_BERLIN);
    policies = new DynamoPolicyStore({ client: table.documents, table: table.name, clock: table.clock.now });
    caseIds.push(...(await arrange('xmas')));
  });

  it('resumes from its cursor after a stop mid-way, re-planning each open ticket once', async () => {
    const deps = {
      store: table.store,
      policyStore: policies,
      catalog: new CachingPolicyCatalog(policies, table.clock.now),
      now: table.clock.now,
    };
    // One batch of two, then the runner "crashes" (stops) with the progress saved.
    const first = await runReplan(deps, 'xmas', 2, () => true, 2);
    expect(first).toMatchObject({ state: 'running', examined: 2, replanned: 2, revision: 1 });
    expect(first?.cursor).toBeDefined();
    // A new runner (another invocation) goes on from the saved cursor.
    const fresh = { ...deps, catalog: new CachingPolicyCatalog(policies, table.clock.now) };
    const done = await runReplan(fresh, 'xmas', 2, () => false, 2);
    expect(done).toMatchObject({ state: 'done', examined: 5, replanned: 5, failed: 0 });
    for (const caseId of caseIds) {
      const { ticket, timeline } = (await table.store.getTicketWithTimeline(caseId)) ?? { ticket: undefined, timeline: [] };
      expect(ticket?.sla).toMatchObject({ policyVersion: 1, calendarsVersion: 2 });
      expect(ticket?.deadlines.find((d) => d.kind === 'response')?.due).toBe(Date.parse('2026-12-29T09:00:00Z'));
      expect(timeline.filter((e) => e.type === 'calendar_changed')).toHaveLength(1);
    }
    // Done is done: running it again writes nothing.
    expect(await runReplan(fresh, 'xmas', 2)).toMatchObject({ state: 'done', replanned: 5 });
  });

  it('leaves items the previous release reads: its ticket reader takes a re-planned ticket (dropping calendarsVersion), and an old ticket reads as today', async () => {
    const caseId = caseIds[0] as number;
    const { Item } = await table.documents.send(new GetCommand({ TableName: table.name, Key: keys.ticket(caseId) }));
    // The previous release's SLA snapshot schema (git show main:functions/adapters/dynamo/stored-items.ts).
    const previousSla = z.object({
      policyId: z.string(),
      policyVersion: z.number(),
      severity: z.string(),
      tier: z.string(),
      region: z.optional(z.string()),
    });
    const read = previousSla.parse(Item?.sla);
    expect(read).toEqual({ policyId: 'xmas', policyVersion: 1, severity: 'low', tier: 'standard' });
    // An item of the old shape (no calendarsVersion) plans on its own version's calendars.
    const { calendarsVersion: _dropped, ...oldShape } = (Item?.sla ?? {}) as Record<string, unknown>;
    await table.documents.send(new PutCommand({ TableName: table.name, Item: { ...Item, sla: oldShape } }));
    const ticket = await table.store.getTicket(caseId);
    expect(ticket?.sla.calendarsVersion).toBeUndefined();
    expect(policyOf(ticket?.sla ?? { policyId: 'xmas', policyVersion: 1 }).spec.calendars.business?.holidays?.dates).not.toContain(
      '2026-12-24',
    );
  });

  it('reads a ticket written meanwhile again and re-plans it on top of that write', async () => {
    const ids = await arrange('busy');
    const target = ids[0] as number;
    let interfered = false;
    // The first write of `target` meets a staff note written a moment before it.
    const store: TicketStore = Object.create(table.store, {
      saveTicket: {
        value: async (change: TicketChange, expected: number) => {
          if (change.ticket.caseId === target && !interfered) {
            interfered = true;
            const current = await table.store.getTicket(target);
            const policy = Policy.fromSpec(JSON.parse(record('busy', 1).spec));
            if (current === undefined) throw new Error('no ticket');
            await table.store.saveTicket(
              postMessage(current, policy, { body: 'note', public: false }, { kind: 'staff', id: 'a' }, table.clock.now()),
              current.version,
            );
          }
          return table.store.saveTicket(change, expected);
        },
      },
    });
    const deps = { store, policyStore: policies, catalog: new CachingPolicyCatalog(policies, table.clock.now), now: table.clock.now };
    const done = await runReplan(deps, 'busy', 2);
    expect(interfered).toBe(true);
    expect(done).toMatchObject({ state: 'done', replanned: 5, failed: 0 });
    const { timeline = [] } = (await table.store.getTicketWithTimeline(target)) ?? {};
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['note', 'calendar_changed']));
  });

  it('lets only one of two runners save a batch (the other finds the progress moved on)', async () => {
    await arrange('twice');
    const progress = await policies.replan('twice', 2);
    if (progress === undefined) throw new Error('no progress');
    expect(await policies.saveReplan({ ...progress, revision: 1 }, 0)).toBe(true);
    expect(await policies.saveReplan({ ...progress, revision: 1 }, 0)).toBe(false);
  });

  it('is resumed by the sweeper once its progress has not moved for 10 minutes, and only then', async () => {
    await arrange('stall');
    const deps = {
      store: table.store,
      policyStore: policies,
      catalog: new CachingPolicyCatalog(policies, table.clock.now),
      now: table.clock.now,
    };
    // One batch, then the runner is gone (an invocation that failed for good, a hand-on that was lost).
    expect(await runReplan(deps, 'stall', 2, () => true, 2)).toMatchObject({ state: 'running', examined: 2 });
    const resumed: string[] = [];
    const runner = new BudgetedReplans(deps, Number.POSITIVE_INFINITY, async () => {});
    const sweepNow = () =>
      sweep({
        tickets: { overdue: async () => [] },
        notify: { handOff: async () => {} },
        now: table.clock.now,
        replans: {
          store: policies,
          resume: {
            start: async (id, version) => {
              resumed.push(`${id}@${version}`);
              await runner.start(id, version);
            },
          },
        },
      });
    table.clock.advance(REPLAN_STALLED_AFTER_MS - 1);
    await sweepNow();
    expect(resumed).not.toContain('stall@2');
    table.clock.advance(1);
    await sweepNow();
    expect(resumed.filter((r) => r === 'stall@2')).toHaveLength(1);
    // Re-planned tickets move later in the work order, so the resumed run meets the first batch again: not counted twice.
    expect(await policies.replan('stall', 2)).toMatchObject({ state: 'done', examined: 5, replanned: 5, failed: 0 });
    // Done, it is out of the sweeper's look-up for good.
    table.clock.advance(24 * 60 * 60_000);
    expect(await policies.stalledReplans(table.clock.now())).not.toContainEqual({ id: 'stall', version: 2 });
  });

  it('never fails a sweep on a failed resumption: it is reported, and the next sweep tries again', async () => {
    const warnings: string[] = [];
    const outcome = await sweep({
      tickets: { overdue: async () => [] },
      notify: { handOff: async () => {} },
      now: table.clock.now,
      replans: {
        store: { stalledReplans: async () => [{ id: 'gone', version: 3 }] },
        resume: {
          start: async () => {
            throw new Error('TooManyRequestsException');
          },
        },
      },
      warn: (message) => warnings.push(message),
    });
    expect(outcome).toMatchObject({ replansResumed: 0 });
    expect(warnings).toEqual(['resuming a stalled re-plan failed']);
  });

  it('refuses to overwrite a stored version', async () => {
    const again = record('xmas', 2);
    expect(await policies.publish(again, { id: 'xmas', name: again.name, latest: 2, preset: false, updatedAt: 1 })).toBe('conflict');
    // The stored version is still the one with the 24th closed.
    expect((await policies.version('xmas', 2))?.spec).toBe(record('xmas', 2, closed).spec);
  });
});
