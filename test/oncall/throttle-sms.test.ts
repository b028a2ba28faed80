import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextAllowed, type PendingPage, planSends, type SentSms } from '#shared/oncall/sms-throttle.ts';
import { isSafeSms } from '#shared/sla/sms-text.ts';

const T0 = Date.parse('2026-03-02T08:30:00Z');
const ANA = '+4915112345678';
const BEN = '+4915112345679';
const page = (caseId: number, number = ANA): PendingPage => ({
  number,
  caseId,
  text: `SLA #${caseId} URGENT: response overdue. Reply 1a to ack, 1c to resolve`,
});

describe('SMS throttle', () => {
  describe('when a number may get its next SMS', () => {
    it('waits 30 s after the last one', () => {
      expect(nextAllowed([], T0, [{ windowMs: 30_000, max: 1 }])).toBe(T0);
      expect(nextAllowed([T0 - 10_000], T0, [{ windowMs: 30_000, max: 1 }])).toBe(T0 + 20_000);
      expect(nextAllowed([T0 - 30_000], T0, [{ windowMs: 30_000, max: 1 }])).toBe(T0);
    });

    it('waits for the oldest of the last ten in the hour to age out', () => {
      const sent = Array.from({ length: 10 }, (_, i) => T0 - 50 * 60_000 + i * 60_000);
      expect(nextAllowed(sent, T0, [{ windowMs: 3_600_000, max: 10 }])).toBe(T0 + 10 * 60_000);
    });

    it('meets every rule at once: the later of the two', () => {
      const hour = Array.from({ length: 9 }, (_, i) => T0 - 3_590_000 + i * 60_000);
      const rules = [
        { windowMs: 30_000, max: 1 },
        { windowMs: 3_600_000, max: 10 },
      ];
      // Ten in the hour, the oldest ageing out at T0 + 10 s; the last 5 s ago, so the gap binds.
      expect(nextAllowed([...hour, T0 - 5_000], T0, rules)).toBe(T0 + 25_000);
      // The last 25 s ago: the gap would allow T0 + 5 s, the hour only T0 + 10 s.
      expect(nextAllowed([...hour, T0 - 25_000], T0, rules)).toBe(T0 + 10_000);
    });
  });

  describe('planning', () => {
    it('sends a page at once, as itself, to a number that got nothing lately', () => {
      expect(planSends([], [page(10001)], T0)).toEqual({ send: [{ number: ANA, caseIds: [10001], text: page(10001).text }], held: [] });
    });

    it('holds a page for a number paged 10 s ago until 30 s have passed', () => {
      expect(planSends([{ number: ANA, at: T0 - 10_000 }], [page(10002)], T0)).toEqual({
        send: [],
        held: [{ number: ANA, caseIds: [10002], notBefore: T0 + 20_000 }],
      });
    });

    it('bundles the pages held for a number into one SMS listing their case ids', () => {
      const plan = planSends([{ number: ANA, at: T0 - 30_000 }], [page(10002), page(10003), page(10004)], T0);
      expect(plan).toEqual({
        send: [
          { number: ANA, caseIds: [10002, 10003, 10004], text: 'SLA pages: cases 10002, 10003, 10004. Ack links are in your e-mail.' },
        ],
        held: [],
      });
    });

    it('counts each number on its own', () => {
      const plan = planSends([{ number: ANA, at: T0 - 1_000 }], [page(10001), page(10001, BEN)], T0);
      expect(plan.send).toEqual([{ number: BEN, caseIds: [10001], text: page(10001).text }]);
      expect(plan.held).toEqual([{ number: ANA, caseIds: [10001], notBefore: T0 + 29_000 }]);
    });

    it('lists a case paged twice (a re-page) once', () => {
      expect(planSends([], [page(10001), page(10002), page(10001)], T0).send[0]?.caseIds).toEqual([10002, 10001]);
    });

    it('lists what fits, says how many more, and holds those for the next SMS', () => {
      const ids = Array.from({ length: 20 }, (_, i) => 10001 + i);
      const plan = planSends(
        [],
        ids.map((id) => page(id)),
        T0,
      );
      const sent = plan.send[0];
      expect(sent?.text).toBe(
        'SLA pages: cases 10001, 10002, 10003, 10004, 10005, 10006, 10007, 10008, 10009, 10010, 10011 and 9 more. Ack links are in your e-mail.',
      );
      expect(isSafeSms(sent?.text ?? '')).toBe(true);
      expect(plan.held).toEqual([{ number: ANA, caseIds: ids.slice(11), notBefore: T0 + 30_000 }]);
    });

    it('lists at least one case however long its id', () => {
      const huge = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER - 2].map((id) => page(id));
      const sent = planSends([], huge, T0).send[0];
      expect(sent?.caseIds.length).toBeGreaterThan(0);
      expect(isSafeSms(sent?.text ?? '')).toBe(true);
    });

    it('refuses a rule that would never let an SMS through', () => {
      expect(() => planSends([], [page(1)], T0, [{ windowMs: 30_000, max: 0 }])).toThrow(/positive/);
      expect(() => planSends([], [page(1)], T0, [{ windowMs: Number.NaN, max: 1 }])).toThrow(/positive/);
    });
  });

  describe('a burst of 20 breaches for one person within a minute (property)', () => {
    /** Runs the caller's loop: pages arrive, the plan is asked at each arrival and each `notBefore`, until nothing is held. */
    function simulate(arrivals: readonly number[], history: readonly SentSms[]): { sent: SentSms[]; texts: string[]; listed: number[] } {
      const sent: SentSms[] = [...history];
      const texts: string[] = [];
      const listed: number[] = [];
      let pending: PendingPage[] = [];
      const queue = arrivals.map((at, i) => ({ at, page: page(10001 + i) }));
      let wake: number | undefined;
      for (let steps = 0; steps < 1_000; steps++) {
        const nextArrival = queue[0]?.at;
        const now = Math.min(nextArrival ?? Number.POSITIVE_INFINITY, wake ?? Number.POSITIVE_INFINITY);
        if (now === Number.POSITIVE_INFINITY) break;
        while (queue[0] !== undefined && queue[0].at <= now) pending.push((queue.shift() as { page: PendingPage }).page);
        const plan = planSends(sent, pending, now);
        for (const sms of plan.send) {
          sent.push({ number: sms.number, at: now });
          texts.push(sms.text);
          listed.push(...sms.caseIds);
        }
        const held = new Set(plan.held.flatMap((h) => h.caseIds));
        pending = pending.filter((p) => held.has(p.caseId));
        wake = plan.held.length === 0 ? undefined : Math.min(...plan.held.map((h) => h.notBefore));
      }
      return { sent: sent.slice(history.length), texts, listed };
    }

    it('gives at most 2 SMS in any minute, each one GSM-7 part, and every case id in some SMS', () => {
      fc.assert(
        fc.property(
          fc
            .array(fc.integer({ min: 0, max: 59_999 }), { minLength: 20, maxLength: 20 })
            .map((offsets) => offsets.sort((a, b) => a - b).map((o) => T0 + o)),
          fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: 12 }).map((ago) => ago.map((a) => T0 - a)),
          (arrivals, earlier) => {
            const history = earlier.map((at) => ({ number: ANA, at }));
            const { sent, texts, listed } = simulate(arrivals, history);
            for (const sms of sent)
              expect(sent.filter((other) => other.at >= sms.at && other.at < sms.at + 60_000).length).toBeLessThanOrEqual(2);
            expect(sent.filter((sms) => sms.at < (arrivals[0] ?? T0) + 60_000).length).toBeLessThanOrEqual(2);
            for (const text of texts) expect(isSafeSms(text)).toBe(true);
            for (let id = 10001; id <= 10020; id++) expect(texts.some((text) => text.includes(String(id)))).toBe(true);
            expect(listed.sort()).toEqual(Array.from({ length: 20 }, (_, i) => 10001 + i));
          },
        ),
      );
    });
  });
});
