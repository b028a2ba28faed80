/**
 * No response can reach Lambda's 6 MB payload limit for synchronous invocations
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). What counts is the
 * serialised invoke result, in which the JSON body is a string and so is escaped a second time.
 */

import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '#shared/tickets/limits.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket, type Ticket } from '#shared/tickets/ticket.ts';
import type { TimelineEntry } from '#shared/tickets/timeline.ts';
import { fitTimeline, RESPONSE_BOUNDS, ticketSummaryView, ticketView, timelineView } from '../../functions/api/views.ts';
import { apiEvent, as } from '../support/api-events.ts';
import { hardLife, kidzonet } from '../support/hard-life.ts';
import { apiHarness, ORGS } from './api-harness.ts';

const LAMBDA_MAX = 6 * 1024 * 1024;
/** The bytes of a Lambda proxy result carrying `body` as JSON. */
const invokeBytes = (body: unknown) =>
  Buffer.byteLength(JSON.stringify({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
/** A control character: six bytes once escaped in JSON, seven escaped twice (the worst there is). */
const worst = (length: number) => '\u0001'.repeat(length);

describe('the largest possible response of each route', () => {
  const start = Date.parse('2026-03-02T14:00:00Z');
  const org = defineOrg('o'.repeat(63), { name: 'n', policy: 'kidzonet', tier: kidzonet.tiers[0] as string }, kidzonet, start);
  // A ticket at every limit, after a long life (the largest deadline list compaction leaves).
  const life = hardLife(org, start, 3_000).ticket;
  const ticket: Ticket = {
    ...life,
    subject: worst(LIMITS.subject),
    description: worst(LIMITS.description),
    fields: Object.fromEntries(
      Object.keys(life.fields).map((name) => [name, worst(LIMITS.fieldsTotal / LIMITS.fields - LIMITS.fieldName)]),
    ),
    category: worst(LIMITS.category),
    assignee: worst(100),
    requesterEmail: worst(254),
    attachments: Array.from({ length: LIMITS.attachments }, () => ({
      filename: worst(255),
      contentType: worst(255),
      size: 1e12,
      key: 'k',
    })),
  };
  const entry = (seq: number): TimelineEntry => ({
    seq,
    at: start,
    type: 'customer_replied',
    actor: { kind: 'customer', id: worst(254) },
    body: worst(LIMITS.body),
    public: true,
    detail: { deadline: worst(100) },
  });
  const entries = (n: number) => Array.from({ length: n }, (_, i) => entry(999_999 - i));

  // Answers read every running clock as of now (the views without `asOf` are webhook payloads).
  const asOf = start + 1_000 * 3_600_000;

  it('GET /tickets and GET /queue: 100 summaries, each with its next clock, stay under 1 MB', () => {
    const items = Array.from({ length: 100 }, () => ticketSummaryView({ ...ticket, subject: worst(100_000) }, asOf));
    expect(invokeBytes({ items, cursor: worst(2_000) })).toBeLessThan(1024 * 1024);
    expect(invokeBytes({ policy: worst(100), items })).toBeLessThan(1024 * 1024);
  });

  it('GET /tickets/{caseId}: the ticket and its latest timeline page stay under 2 MB', () => {
    const page = fitTimeline(entries(RESPONSE_BOUNDS.ticketTimeline), 1, RESPONSE_BOUNDS.ticketTimelineBytes);
    const bytes = invokeBytes(ticketView(ticket, page.entries, page.cursor, asOf));
    expect(bytes).toBeLessThan(2 * 1024 * 1024);
    expect(bytes).toBeLessThan(LAMBDA_MAX / 3);
  });

  it('GET /tickets/{caseId}/timeline: a page of the largest limit stays under 2 MB', () => {
    const page = fitTimeline(entries(100), 1, RESPONSE_BOUNDS.timelineBytes);
    expect(page.entries.length).toBeLessThan(100);
    expect(invokeBytes({ items: page.entries.map(timelineView), cursor: page.cursor })).toBeLessThan(2 * 1024 * 1024);
  });

  it('writes answer with the ticket and the entries they added: under 1 MB', () => {
    expect(invokeBytes(ticketView(ticket, entries(3), undefined, asOf))).toBeLessThan(1024 * 1024);
  });

  it('the opening of a ticket at every limit is refused past a field limit, with the path', () => {
    expect(() =>
      openTicket(
        1,
        org,
        kidzonet,
        { subject: 's', description: 'd', severity: 'question', fields: { a: worst(LIMITS.fieldValue + 1) } },
        asCustomer,
        start,
      ),
    ).toThrow(expect.objectContaining({ code: 'validation_failed', errors: [expect.objectContaining({ path: 'fields.a' })] }));
  });
});

const asCustomer = { kind: 'customer' as const, id: 'c' };

describe('actual responses of a full list and a long timeline (DynamoDB Local)', () => {
  let api: Awaited<ReturnType<typeof apiHarness>>;
  let caseId: number;
  const customer = { claims: as.customer(ORGS.kore.id) };
  const big = { subject: 'S'.repeat(LIMITS.subject), description: 'D'.repeat(LIMITS.description), severity: 'urgent' };
  /** The raw Lambda result, as the function would return it. */
  const raw = async (path: string, options = {}) => {
    const result = await api.handler(apiEvent('GET', path, options), { awsRequestId: 't' } as Context);
    return { status: result.statusCode, bytes: Buffer.byteLength(JSON.stringify(result)), body: JSON.parse(result.body ?? '{}') };
  };

  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00Z');
    for (let i = 0; i < 60; i++) {
      const created = await api.call<{ caseId: number }>('POST', '/tickets', { ...customer, body: big });
      caseId = created.body.caseId;
    }
    for (let i = 0; i < 120; i++) {
      const note = i % 4 === 3;
      const claims = note ? as.agent() : as.customer(ORGS.kore.id);
      const body = { body: `${i} ${'B'.repeat(LIMITS.body - 10)}`, public: !note };
      expect((await api.call('POST', `/tickets/${caseId}/messages`, { claims, body })).status).toBe(201);
    }
    // Then more internal notes than a first page reads: a customer's first page holds none of them.
    for (let i = 0; i < 30; i++) {
      const note = { claims: as.agent(), body: { body: `note ${i}`, public: false } };
      expect((await api.call('POST', `/tickets/${caseId}/messages`, note)).status).toBe(201);
    }
  }, 120_000);

  it('lists summaries: no descriptions, far below 6 MB', async () => {
    const list = await raw('/tickets', { claims: as.agent(), query: { limit: '100' } });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBe(60);
    expect(list.body.items[0]).not.toHaveProperty('description');
    expect(list.body.items[0]).toHaveProperty('nextDue');
    expect(list.bytes).toBeLessThan(100 * 1024);
    const queue = await raw('/queue', { claims: as.agent(), query: { policy: 'kore', limit: '100' } });
    expect(queue.body.items[0]).not.toHaveProperty('fields');
    expect(queue.bytes).toBeLessThan(100 * 1024);
  });

  it('shows the latest page of a 2.4 MB timeline, and pages back through all of it, past a page of notes', async () => {
    const read = await raw(`/tickets/${caseId}`, customer);
    expect(read.bytes).toBeLessThan(RESPONSE_BOUNDS.ticketTimelineBytes + 64 * 1024);
    expect(read.body.timeline).toEqual([]);
    expect(read.body.timelineCursor).toMatch(/^\d+$/);
    const seen: number[] = read.body.timeline.map((e: { seq: number }) => e.seq);
    for (let cursor = read.body.timelineCursor; cursor !== undefined; ) {
      const page = await raw(`/tickets/${caseId}/timeline`, { ...customer, query: { cursor, limit: '100' } });
      expect(page.status).toBe(200);
      expect(page.bytes).toBeLessThan(RESPONSE_BOUNDS.timelineBytes + 64 * 1024);
      seen.unshift(...page.body.items.map((e: { seq: number }) => e.seq));
      cursor = page.body.cursor;
    }
    // Every public entry once, in order; the agent's internal notes (every fourth) never.
    const expected = [1, ...Array.from({ length: 120 }, (_, i) => i + 2).filter((seq) => (seq - 2) % 4 !== 3)];
    expect(seen).toEqual(expected);
    // Agents see every entry, the notes too.
    const agent = await raw(`/tickets/${caseId}`, { claims: as.agent() });
    expect(agent.body.timeline.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 132 + i));
  });

  it("answers another organisation's customer with 404, as for the ticket itself", async () => {
    const other = await raw(`/tickets/${caseId}/timeline`, { claims: as.customer(ORGS.other.id) });
    expect(other.status).toBe(404);
    expect((await raw(`/tickets/99999999/timeline`, { claims: as.agent() })).status).toBe(404);
  });

  it('answers a malformed cursor with a 400 naming it', async () => {
    for (const cursor of ['0', '-1', '1e300', 'abc', '9'.repeat(20)]) {
      const page = await raw(`/tickets/${caseId}/timeline`, { ...customer, query: { cursor } });
      expect(page.status).toBe(400);
      expect(page.body.errors?.[0]?.path).toBe('cursor');
    }
  });
});
