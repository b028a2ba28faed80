/**
 * An org's notices are read from its own lists (its notices, its region's, everyone's): no number
 * of other orgs' notices can push its upcoming maintenance out of its list, its feed or the
 * "maintenance under way" link of its tickets.
 */

import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { publishNotice } from '#shared/notices/notice.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { DAY_MS, HOUR_MS } from '#shared/time/duration.ts';
import { DynamoNoticeStore } from '../../functions/adapters/dynamo/notices.ts';
import { maintenanceInProgress } from '../../functions/lib/notice-audience.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const NOW = Date.parse('2027-03-01T10:00:00Z');
const iso = (at: number) => new Date(at).toISOString();

describe('an org’s notices among many of another org', () => {
  let table: TestTable, runtime: LocalRuntime, call: ReturnType<typeof caller>;
  beforeEach(async () => {
    table = await testTable(iso(NOW));
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table: table.name, clock: table.clock });
    call = caller(runtime.api);
    for (const org of [
      { id: 'big-co', name: 'Big', policy: 'kore', tier: 'basic', region: 'nl' },
      { id: 'small-co', name: 'Small', policy: 'kore', tier: 'basic', region: 'us' },
    ])
      expect((await call('POST', '/orgs', { claims: as.admin(), body: org })).status).toBe(201);
  });
  afterEach(() => runtime.stop());

  /** The i-th emergency notice for one org, starting i minutes after an hour from now, stored and listed as the route does. */
  const notices = () => new DynamoNoticeStore({ client: table.documents, table: table.name, clock: table.clock.now });
  async function storeNotice(i: number, length: number, org: string): Promise<void> {
    const start = NOW + HOUR_MS + i * 60_000;
    const input = { title: `t${i}`, body: 'b', kind: 'emergency', start, end: start + length, orgs: [org] } as const;
    const notice = publishNotice(`n-${String(i).padStart(20, '0')}`, input, 'agent', NOW, 0);
    await notices().createNotice(notice);
    await notices().putListings(notice);
  }

  it('small-co’s list and feed show its notice after 500 notices of big-co', async () => {
    for (let i = 0; i < 500; i++) await storeNotice(i, HOUR_MS, 'big-co');
    const mine = await call<{ id: string }>('POST', '/notices', {
      claims: as.agent(),
      body: {
        title: 'mine',
        body: 'b',
        kind: 'planned',
        start: iso(NOW + 10 * DAY_MS),
        end: iso(NOW + 10 * DAY_MS + HOUR_MS),
        orgs: ['small-co'],
      },
    });
    expect(mine.status).toBe(201);

    const list = await call<{ items: Array<{ id: string }> }>('GET', '/notices', { claims: as.customer('small-co') });
    expect(list.body.items.map((notice) => notice.id)).toEqual([mine.body.id]);
    const big = await call<{ items: Array<{ id: string }> }>('GET', '/notices', { claims: as.customer('big-co'), query: { limit: '100' } });
    expect(big.body.items).toHaveLength(100);

    const calendar = await call<{ path: string }>('GET', '/notice-calendar', { claims: as.customer('small-co') });
    const [path, query] = calendar.body.path.split('?');
    const feed = await call<string>('GET', path ?? '', { query: { sig: new URLSearchParams(query).get('sig') ?? '' } });
    expect(feed.body).toContain(`UID:${mine.body.id}@`);
    expect(feed.body).not.toContain('SUMMARY:t1');
  }, 60_000);

  it('a ticket of small-co links its maintenance under way though 60 of big-co’s are under way too', async () => {
    for (let i = 0; i < 61; i++) await storeNotice(i, 3 * HOUR_MS, i === 60 ? 'small-co' : 'big-co');
    const small = await table.store.getOrg('small-co');
    const links = await maintenanceInProgress(notices(), small ?? (undefined as never), loadPreset(small?.policy ?? ''), NOW + 2 * HOUR_MS);
    expect(links.map((link) => link.id)).toEqual([`n-${String(60).padStart(20, '0')}`]);
  }, 60_000);
});
