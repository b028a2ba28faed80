import { beforeAll, describe, expect, it } from 'vitest';
import { keys } from '../../functions/adapters/dynamo/table-design.ts';
import { as } from '../support/api-events.ts';
import { apiHarness, ORGS } from './api-harness.ts';

type Api = Awaited<ReturnType<typeof apiHarness>>;
const path = (org: string, sub: string) => `/orgs/${org}/members/${sub}`;
const SUB = '3f1c2b7e-91aa-4c55-9d2e-0b8a7f6c1d23';

describe('organisation memberships (what the pre-token-generation trigger reads)', () => {
  let api: Api;
  beforeAll(async () => {
    api = await apiHarness('2026-03-02T14:00:00.000Z');
  });

  it('lets an admin set, move, read and end a membership, stored as MEMBER#<sub> with the org', async () => {
    const created = await api.call('PUT', path(ORGS.kore.id, SUB), { claims: as.admin() });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ sub: SUB, org: ORGS.kore.id, updatedAt: '2026-03-02T14:00:00.000Z' });
    const { Item } = await api.documents.send(
      new (await import('@aws-sdk/lib-dynamodb')).GetCommand({ TableName: api.name, Key: keys.member(SUB) }),
    );
    expect(Item).toMatchObject({ org: ORGS.kore.id, sub: SUB });

    const moved = await api.call('PUT', path(ORGS.netcor.id, SUB), { claims: as.admin() });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ org: ORGS.netcor.id, movedFrom: ORGS.kore.id });
    expect((await api.call('GET', path(ORGS.netcor.id, SUB), { claims: as.admin() })).body).toMatchObject({ org: ORGS.netcor.id });
    expect((await api.call('GET', path(ORGS.kore.id, SUB), { claims: as.admin() })).status).toBe(404);

    // Ending it through another organisation leaves it alone.
    expect((await api.call('DELETE', path(ORGS.kore.id, SUB), { claims: as.admin() })).status).toBe(404);
    const ended = await api.call('DELETE', path(ORGS.netcor.id, SUB), { claims: as.admin() });
    expect(ended.status).toBe(204);
    expect(ended.body).toBeUndefined();
    expect((await api.call('GET', path(ORGS.netcor.id, SUB), { claims: as.admin() })).status).toBe(404);
  });

  it('is for administrators only, and checks the organisation and the user id', async () => {
    for (const claims of [as.agent(), as.customer(ORGS.kore.id, SUB)]) {
      expect((await api.call('PUT', path(ORGS.kore.id, SUB), { claims })).status).toBe(403);
      expect((await api.call('DELETE', path(ORGS.kore.id, SUB), { claims })).status).toBe(403);
    }
    expect((await api.call('PUT', path('no-such-org', SUB), { claims: as.admin() })).status).toBe(404);
    const badSub = await api.call<{ errors: unknown[] }>('PUT', path(ORGS.kore.id, '..%20x'), { claims: as.admin() });
    expect(badSub.status).toBe(400);
    expect(badSub.headers['content-type']).toBe('application/problem+json');
    expect((await api.call('PATCH', path(ORGS.kore.id, SUB), { claims: as.admin() })).status).toBe(405);
  });
});
