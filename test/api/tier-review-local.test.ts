/**
 * Tier reviews on the local stack: the quarterly reminder fired by the Scheduler stand-in on the
 * manual clock, and a review's e-mails sent by outbound-mail into the outbox.
 */

import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { presetFile } from '#shared/policies/presets.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

/** 09:00 in Berlin on 2027-04-01 (summer time). */
const REMIND_AT = Date.parse('2027-04-01T07:00:00Z');

describe('tier reviews on the local stack', () => {
  let table: TestTable, runtime: LocalRuntime, call: ReturnType<typeof caller>;
  beforeEach(async () => {
    table = await testTable('2027-03-25T10:00:00.000Z');
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock });
    call = caller(runtime.api);
    const org = { id: 'globex', name: 'Globex', policy: 'tiered', tier: 'gold', contacts: ['contract@globex.example'] };
    expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
  });
  afterEach(() => runtime.stop());

  const mails = () => runtime.outbox.items.filter((item) => item.channel === 'email');

  it('reminds the admin to run the Q2 review at 09:00 Berlin time on 1 April, once', async () => {
    await runtime.advanceTo(REMIND_AT - 1000);
    expect(mails()).toEqual([]);
    await runtime.advanceTo(REMIND_AT + 60_000);
    expect(mails().map((m) => [m.to, m.subject, m.at])).toEqual([
      ['admin@sla-escalator.example', 'Run the 2027-Q2 tier review: Tiered Service Support Levels', '2027-04-01T07:00:00.000Z'],
    ]);
    expect(mails()[0]?.text).toContain('Upload it as CSV (columns org,turnover, in EUR)');
    await runtime.advanceTo(REMIND_AT + 86_400_000);
    expect(mails()).toHaveLength(1);
  });

  it('does not remind of a review applied already, and e-mails the reviewed org', async () => {
    const applied = await call('POST', '/tier-reviews', {
      claims: as.admin(),
      body: { policy: 'tiered', quarter: '2027-Q2', dryRun: false, turnover: [{ org: 'globex', amount: 3_000_000 }] },
    });
    expect(applied.status).toBe(200);
    await runtime.advanceTo(REMIND_AT + 60_000);
    expect(mails().map((m) => [m.to, m.subject])).toEqual([['contract@globex.example', 'Your support tier for 2027-Q2: Platinum']]);
  });

  it('keeps the reminder of a published policy: at its own time, moved by a new version, gone with one without a review', async () => {
    const copy = readFileSync(presetFile('tiered'), 'utf8')
      .replace(/^id: tiered$/m, 'id: tiered-copy')
      .replace(/^name: .*$/m, 'name: Tiered copy')
      .replace('remind: { at: "09:00" }', 'remind: { at: "08:00" }');
    expect(copy).toContain('remind: { at: "08:00" }');
    const yaml = (text: string) => ({ claims: as.admin(), rawBody: text, headers: { 'content-type': 'application/yaml' } });
    expect((await call('POST', '/policies', yaml(copy))).status).toBe(201);
    expect(runtime.scheduler.has('sla-escalator', 'tier-review-tiered-copy')).toBe(true);
    const copyMails = () => mails().filter((m) => m.subject?.includes('Tiered copy'));
    // 08:00 in Berlin on 1 April is 06:00 UTC.
    await runtime.advanceTo(Date.parse('2027-04-01T06:00:00Z') + 60_000);
    expect(copyMails().map((m) => [m.to, m.subject, m.at])).toEqual([
      ['admin@sla-escalator.example', 'Run the 2027-Q2 tier review: Tiered copy', '2027-04-01T06:00:00.000Z'],
    ]);
    // Version 2 reminds at 10:00: the schedule is replaced.
    const later = copy.replace(/^version: 1$/m, 'version: 2').replace('remind: { at: "08:00" }', 'remind: { at: "10:00" }');
    expect((await call('POST', '/policies/tiered-copy/versions', yaml(later))).status).toBe(201);
    await runtime.advanceTo(Date.parse('2027-07-01T08:00:00Z') + 60_000);
    expect(copyMails().map((m) => m.at)).toEqual(['2027-04-01T06:00:00.000Z', '2027-07-01T08:00:00.000Z']);
    // Version 3 has no review: no schedule, no reminder.
    const none = later.replace(/^version: 2$/m, 'version: 3').replace(/^tierReview:\n( {2}.*\n)+/m, '');
    expect(none).not.toContain('tierReview');
    expect((await call('POST', '/policies/tiered-copy/versions', yaml(none))).status).toBe(201);
    expect(runtime.scheduler.has('sla-escalator', 'tier-review-tiered-copy')).toBe(false);
    await runtime.advanceTo(Date.parse('2027-10-01T09:00:00Z'));
    expect(copyMails()).toHaveLength(2);
  });
});
