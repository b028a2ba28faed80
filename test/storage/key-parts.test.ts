import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyParts, keys } from '../../functions/adapters/dynamo/table-design.ts';

// Keys are written and read back in one module; these pin that every reader inverts its writer.
describe('reading keys back', () => {
  it('gets the case id back from any item of a ticket partition', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.nat(999_999), (caseId, seq) => {
        expect(keyParts.caseIdOf(keys.ticket(caseId).PK)).toBe(caseId);
        expect(keyParts.caseIdOf(keys.timelineEntry(caseId, seq).PK)).toBe(caseId);
      }),
    );
  });

  it('gets the seq back from a timeline entry', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.nat(999_999), (caseId, seq) => {
        expect(keyParts.seqOf(keys.timelineEntry(caseId, seq).SK)).toBe(seq);
      }),
    );
  });

  it("tells a ticket item's table key from the keys of other items", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 15 - 1 }), fc.nat(999_999), (caseId, seq) => {
        expect(keyParts.isTicketKey(keys.ticket(caseId))).toBe(true);
        expect(keyParts.isTicketKey(keys.timelineEntry(caseId, seq))).toBe(false);
        expect(keyParts.isTicketKey(keys.delivery(caseId, 'response', 'tier1'))).toBe(false);
      }),
    );
    expect(keyParts.isTicketKey(keys.org('acme'))).toBe(false);
    expect(keyParts.isTicketKey(keys.ticket(10 ** 15))).toBe(false);
  });

  it("gets the due time back from a due index entry, and orders entries by it against the cut-off's prefix", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999_998 }), fc.integer({ min: 1, max: 10 ** 11 }), (due, caseId) => {
        const { DSK } = keys.due(due, caseId);
        expect(keyParts.dueOf(DSK)).toBe(due);
        expect(DSK < keys.dueSortPrefix(due + 1)).toBe(true);
        expect(DSK < keys.dueSortPrefix(due)).toBe(false);
      }),
    );
  });

  it('gets the instant and the whole id back from held mail, even an id with a #', () => {
    const { SK } = keys.heldMail('2026-03-02T14:00:00.000Z', 'abc#def');
    expect(keyParts.heldMailOf(SK)).toEqual({ receivedAt: '2026-03-02T14:00:00.000Z', id: 'abc#def' });
  });
});
