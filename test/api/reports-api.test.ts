/**
 * SLA reports over the API, on DynamoDB Local with a manual clock: a March of NETCOR tickets
 * (Berlin) answered in time, late and not at all, as JSON and CSV; org isolation; bad ranges; and
 * the report of the closed month unchanged after the calendar and the targets change and the
 * tickets are re-planned under them.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { ianaZone } from '#shared/calendar/zone.ts';
import compiled from '#shared/policies/compiled-presets.json' with { type: 'json' };
import { loadPreset } from '#shared/policies/presets.ts';
import { Policy } from '#shared/policy/policy.ts';
import type { PolicySpec } from '#shared/policy/policy-schema.ts';
import type { ClockOutcome } from '#shared/reports/clock-outcome.ts';
import { settledOutcomes } from '#shared/reports/clock-outcome.ts';
import { monthRange, slaReport } from '#shared/reports/sla-report.ts';
import { planWithClocks } from '#shared/sla/plan-deadlines.ts';
import { postMessage } from '#shared/tickets/ticket.ts';
import { DynamoOutcomes } from '../../functions/adapters/dynamo/outcomes.ts';
import { slaReportView } from '../../functions/api/report-operations.ts';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
type Report = ReturnType<typeof slaReportView>;
type Problem = { errors?: Array<{ path: string; message: string }> };

const H = 3_600_000;
const agent = as.agent();
const org = ORGS.netcor.id;
const fields = { softwareVersion: '1', systemDetails: 'x' };
/** Mon 2 Mar 2026, 09:00 in Berlin. */
const MON = Date.parse('2026-03-02T08:00:00Z');

/** NETCOR's v1 with another calendar (the office closed 3–6 March) and halved response targets: what a later edit might do. */
function editedNetcor(): Policy {
  const spec = JSON.parse(
    (compiled as { presets: Record<string, { versions: Record<string, string> }> }).presets.netcor?.versions['1'] ?? '',
  );
  spec.calendars.business.holidays.dates.push('2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06');
  for (const severity of Object.values(spec.severities) as Array<{ tiers: { standard: { response: number } } }>)
    severity.tiers.standard.response /= 2;
  return Policy.fromSpec(spec as PolicySpec);
}

describe('SLA reports API', () => {
  let api: Api;
  const report = (query: Record<string, string>, claims = agent, headers: Record<string, string> = {}) =>
    api.call<Report & Problem>('GET', '/reports/sla', { claims, query, headers });
  const cases: number[] = [];

  beforeAll(async () => {
    api = await apiHarness('2026-03-02T08:00:00.000Z');
    const open = async (severity: string) => {
      const { body } = await api.call<{ caseId: number }>('POST', '/tickets', {
        claims: agent,
        body: { org, subject: 'Down', description: 'd', severity, fields },
      });
      cases.push(body.caseId);
      return body.caseId;
    };
    const reply = (caseId: number) =>
      api.call('POST', `/tickets/${caseId}/messages`, { claims: agent, body: { body: 'Looking', public: true } });
    const resolve = (caseId: number) => api.call('PATCH', `/tickets/${caseId}`, { claims: agent, body: { status: 'resolved' } });
    api.clock.moveTo(MON);
    const inTime = await open('high'); // 8 h
    const late = await open('critical'); // 4 h
    const never = await open('critical');
    api.clock.moveTo(MON + 2 * H);
    await reply(inTime);
    api.clock.moveTo(MON + 6 * H); // 15:00 Berlin: 6 h of business time
    await reply(late);
    api.clock.moveTo(MON + 30 * H); // Tue 15:00 Berlin
    await resolve(never);
    await resolve(inTime);
    api.clock.moveTo(Date.parse('2026-04-02T08:00:00Z'));
  });

  it('counts March’s responses in the org’s zone, met and breached, with the worst overruns and their attribution', async () => {
    const { status, body } = await report({ org, from: '2026-03' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ org, zone: 'Europe/Berlin', from: '2026-03', to: '2026-03', start: '2026-02-28T23:00:00.000Z' });
    const response = body.metrics.find((m) => m.metric === 'response');
    expect(response).toMatchObject({ count: 3, met: 1, breached: 2, pctMet: 33.3, medianBusinessMs: 6 * H });
    expect(response?.worstOverruns.map((o) => o.caseId)).toEqual([cases[2], cases[1]]);
    // The unanswered one ran from Mon 09:00 to Tue 15:00 Berlin: 14 h 30 of business time, 15 h 30 outside it.
    expect(response?.breachAttribution).toEqual({ calendarMs: 36 * H, pausedMs: 0, businessMs: 20.5 * H, outsideHoursMs: 15.5 * H });
    // The first public message also met the critical ticket's first update (due 8 h 30 after it opened).
    expect(body.metrics.map((m) => m.metric)).toEqual(['response', 'update']);
    expect(body.months).toEqual([
      {
        month: '2026-03',
        metrics: { response: { count: 3, met: 1, breached: 2, pctMet: 33.3 }, update: { count: 1, met: 1, breached: 0, pctMet: 100 } },
      },
    ]);
  });

  it('answers CSV with one row per metric and per month', async () => {
    const { status, headers, body } = await report({ org, from: '2026-03', to: '2026-04' }, agent, { accept: 'text/csv' });
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = String(body).trim().split('\r\n');
    expect(lines[0]).toMatch(/^period,metric,count,met,breached,pct_met,/);
    expect(lines).toContain('2026-03..2026-04,response,3,1,2,33.3,360,870,0,930,1230');
    expect(lines).toContain('2026-03,response,3,1,2,33.3,,,,,');
  });

  it('gives a customer their own organisation’s report, and another’s is not found', async () => {
    const own = await report({ from: '2026-03' }, as.customer(org));
    expect(own.status).toBe(200);
    expect(own.body.metrics[0]?.count).toBe(3);
    expect((await report({ org: ORGS.kore.id, from: '2026-03' }, as.customer(org))).status).toBe(404);
    expect((await report({ org: 'no-such-org', from: '2026-03' })).status).toBe(404);
  });

  it('refuses a bad range with the field at fault', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ org, from: 'March' }, 'from'],
      [{ org, from: '2026-02-30' }, 'from'],
      // Date.UTC reads years 0–99 as 1900–1999: 0026-03 was answered as March 1926.
      [{ org, from: '0026-03' }, 'from'],
      [{ org, from: '1969-12' }, 'from'],
      [{ org, from: '2026-03', to: '2026-01' }, 'to'],
      [{ org, from: '2024-01', to: '2026-03' }, 'to'],
      [{ org, from: '2026-05' }, 'from'],
      [{ org, from: '2026-03', to: '2026-06' }, 'to'],
      [{ from: '2026-03' }, 'org'],
      [{ org, from: '2026-03', extra: '1' }, 'extra'],
    ];
    for (const [query, path] of cases) {
      const { status, body } = await report(query);
      expect({ query, status, paths: body.errors?.map((e) => e.path) }).toEqual({ query, status: 400, paths: [path] });
    }
  });

  it('never drifts: March is the same after the calendar and the targets change and the tickets are re-planned', async () => {
    const before = (await report({ org, from: '2026-03' })).body;
    const edited = editedNetcor();
    // Every ticket re-planned under the edited policy (a note is a change like any other).
    for (const caseId of cases) {
      const ticket = await api.store.getTicket(caseId);
      if (ticket === undefined) throw new Error(`no case ${caseId}`);
      const change = postMessage(
        ticket,
        edited,
        { body: 'calendar changed', public: false },
        { kind: 'staff', id: 'agent-1' },
        api.clock.now(),
      );
      await api.store.saveTicket(change, ticket.version);
    }
    expect((await report({ org, from: '2026-03' })).body).toEqual(before);
    // Re-planning would have told another story: that is what the stored outcomes keep out.
    const replanned: ClockOutcome[] = [];
    for (const caseId of cases) {
      const ticket = await api.store.getTicket(caseId);
      if (ticket !== undefined) replanned.push(...settledOutcomes(ticket, planWithClocks(ticket, edited).clocks));
    }
    const zone = ianaZone('Europe/Berlin');
    const fromReplanning = slaReport(org, zone, monthRange({ year: 2026, month: 3 }, { year: 2026, month: 3 }, zone), replanned);
    expect(slaReportView(fromReplanning).metrics).not.toEqual(before.metrics);
    expect(fromReplanning.metrics[0]?.breachAttribution.businessMs).toBeLessThan(before.metrics[0]?.breachAttribution.businessMs ?? 0);
    const stored: ClockOutcome[] = [];
    await new DynamoOutcomes({ client: api.documents, table: api.name, clock: api.clock.now }).readBetween(org, 0, api.clock.now(), (o) =>
      stored.push(o),
    );
    expect(stored).toHaveLength(4);
    expect(loadPreset('netcor').version).toBe(1);
  });
});
