/** A ticket's maintenance links in storage: items written before notices read without them; with them, they read back. */

import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { defineOrg } from '#shared/tickets/org.ts';
import { openTicket } from '#shared/tickets/ticket.ts';
import { ticketItem } from '../../functions/adapters/dynamo/stored-items.ts';

const kore = loadPreset('kore');
const org = defineOrg('acme-us', { name: 'ACME', policy: 'kore', tier: 'diamond', region: 'us' }, kore, 0);
const customer = { kind: 'customer' as const, id: 'c-1' };
const link = { id: 'n-0123456789abcdef0123', title: 'Core router upgrade', kind: 'planned' as const, start: 1_000, end: 8_200_000 };
const opened = (maintenance?: readonly (typeof link)[]) =>
  openTicket(10_001, org, kore, { subject: 's', description: 'd', severity: 'high' }, customer, 5_000, { channel: 'api', maintenance })
    .ticket;

describe('ticket items and maintenance links', () => {
  it('reads an item written before notices existed (no `maintenance`)', () => {
    const { maintenance: _, ...old } = JSON.parse(JSON.stringify(opened([link])));
    expect(old).not.toHaveProperty('maintenance');
    expect(ticketItem().parse(old)).not.toHaveProperty('maintenance');
  });

  it('keeps the links of a ticket opened during maintenance, and none when there was none', () => {
    expect(ticketItem().parse(JSON.parse(JSON.stringify(opened([link])))).maintenance).toEqual([link]);
    expect(opened([])).not.toHaveProperty('maintenance');
    expect(
      ticketItem().safeParse({ ...JSON.parse(JSON.stringify(opened([link]))), maintenance: [{ ...link, kind: 'someday' }] }).success,
    ).toBe(false);
  });
});
