import { describe, expect, it } from 'vitest';
import { parsePeriod, periodBounds, periodOf } from '#shared/billing/periods.ts';
import { fixedOffsetZone, ianaZone } from '#shared/calendar/zone.ts';
import { DomainError } from '#shared/domain-error.ts';
import { HOUR_MS } from '#shared/time/duration.ts';

const berlin = ianaZone('Europe/Berlin');
const plusTwo = fixedOffsetZone('+02:00', 2 * HOUR_MS);
const iso = (ms: number) => new Date(ms).toISOString();

describe('billing periods', () => {
  describe('ids', () => {
    it.each([
      ['2027-01', { kind: 'month', year: 2027, firstMonth: 1 }],
      ['2027-12', { kind: 'month', year: 2027, firstMonth: 12 }],
      ['2027-Q1', { kind: 'quarter', year: 2027, firstMonth: 1 }],
      ['2027-Q4', { kind: 'quarter', year: 2027, firstMonth: 10 }],
      ['2027', { kind: 'year', year: 2027, firstMonth: 1 }],
    ])('reads %s', (id, period) => {
      expect(parsePeriod(id)).toEqual({ id, ...period });
    });

    it.each(['2027-13', '2027-00', '2027-Q5', '27-01', '2027-1', '2027-01-01', 'january', '', '1969'])(
      'refuses %j with the forms it takes, on the field "period"',
      (text) => {
        const error = (() => {
          try {
            parsePeriod(text);
          } catch (caught) {
            return caught;
          }
        })();
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: 'bad_request', errors: [{ path: 'period' }] });
        expect((error as DomainError).message).toContain('a quarter like 2027-Q1');
      },
    );
  });

  describe('in a zone', () => {
    it('starts and ends a month at local midnight', () => {
      const { start, end } = periodBounds(parsePeriod('2027-01'), berlin);
      expect([iso(start), iso(end)]).toEqual(['2026-12-31T23:00:00.000Z', '2027-01-31T23:00:00.000Z']);
    });

    it('starts at local midnight across the spring DST change in Europe/Berlin: March has an hour less', () => {
      const { start, end } = periodBounds(parsePeriod('2027-03'), berlin);
      expect([iso(start), iso(end)]).toEqual(['2027-02-28T23:00:00.000Z', '2027-03-31T22:00:00.000Z']);
      expect(end - start).toBe(31 * 24 * HOUR_MS - HOUR_MS);
    });

    it('gives the autumn quarter an hour more, and a fixed offset none', () => {
      const q4 = periodBounds(parsePeriod('2026-Q4'), berlin);
      expect([iso(q4.start), iso(q4.end)]).toEqual(['2026-09-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
      const fixed = periodBounds(parsePeriod('2026-Q4'), plusTwo);
      expect([iso(fixed.start), iso(fixed.end)]).toEqual(['2026-09-30T22:00:00.000Z', '2026-12-31T22:00:00.000Z']);
    });

    it('finds the period of an instant by its local date', () => {
      // 23:30 UTC on 31 January is already 1 February in Berlin, still 31 January in UTC.
      const instant = Date.UTC(2027, 0, 31, 23, 30);
      expect(periodOf(instant, 'month', berlin).id).toBe('2027-02');
      expect(periodOf(instant, 'month', ianaZone('UTC')).id).toBe('2027-01');
      expect(periodOf(Date.UTC(2027, 5, 30, 21, 59), 'quarter', plusTwo).id).toBe('2027-Q2');
      expect(periodOf(Date.UTC(2027, 5, 30, 22, 0), 'quarter', plusTwo).id).toBe('2027-Q3');
      expect(periodOf(Date.UTC(2027, 11, 31, 23, 0), 'year', berlin).id).toBe('2028');
    });

    it('holds every instant of a period and none of the next', () => {
      for (const id of ['2027-03', '2027-10', '2027-Q1', '2027']) {
        const period = parsePeriod(id);
        const { start, end } = periodBounds(period, berlin);
        expect(periodOf(start, period.kind, berlin).id).toBe(id);
        expect(periodOf(end - 1, period.kind, berlin).id).toBe(id);
        expect(periodOf(end, period.kind, berlin).id).not.toBe(id);
      }
    });
  });
});
