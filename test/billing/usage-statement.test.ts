import { describe, expect, it } from 'vitest';
import { statementCsv } from '#shared/billing/statement-csv.ts';
import { usageStatement } from '#shared/billing/usage-statement.ts';
import { DomainError } from '#shared/domain-error.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { billingPolicy, corrected, deleted, hours, logged, orgOf, statementOf } from './ledger.ts';

const tiered = loadPreset('tiered');
const kolmisoft = loadPreset('kolmisoft');
/** A day of January (or `month`) 2027, 10:00 UTC. */
const day = (d: number, month = 0) => Date.UTC(2027, month, d, 10);
const FEBRUARY = day(10, 1);
const MARCH = day(10, 2);

/** A policy with roll-over and a quarterly tier, beside tiered's terms. */
const CARRY = billingPolicy(
  'carry',
  `
  gold:
    included: { time: 4h, per: month, rollover: { carry: 2h } }
    overage: { rate: { amount: 75, currency: EUR }, increment: 15m, rounding: up }
  quarterly:
    included: { time: 12h, per: quarter }
    overage: { rate: { amount: 60, currency: EUR }, increment: 30m, rounding: nearest }
`,
  ['gold', 'quarterly'],
);

const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('usage statements', () => {
  describe('tiered preset', () => {
    it('bills a gold org 4 h included and 1 h overage at 75 EUR for 5 h in January', () => {
      const revisions = [
        logged('a', { tier: 'gold', minutes: hours(3), at: day(5) }),
        logged('b', { tier: 'gold', minutes: hours(2), at: day(20), caseId: 2 }),
      ];
      const statement = statementOf(tiered, orgOf('gold'), revisions, '2027-01', FEBRUARY);
      expect(statement).toMatchObject({
        period: '2027-01',
        status: 'closed',
        tier: 'gold',
        zone: 'Europe/Berlin',
        currency: 'EUR',
        includedMinutes: 240,
        carriedInMinutes: 0,
        usedMinutes: 300,
        overageMinutes: 60,
        billedOverageMinutes: 60,
        total: 7500,
        alerts: { at80: true, at100: true },
      });
      expect(statement.lines).toEqual([
        {
          kind: 'overage',
          description: 'Support beyond the 4h included (gold)',
          quantity: 1,
          unit: 'h',
          unitPrice: 7500,
          amount: 7500,
          currency: 'EUR',
          minutes: 60,
        },
      ]);
      expect(statementCsv(statement)).toBe(
        'period,kind,description,caseId,adjusts,quantity,unit,minutes,unitPrice,amount,currency\r\n' +
          '2027-01,overage,Support beyond the 4h included (gold),,,1,h,60,75.00,75.00,EUR\r\n' +
          '2027-01,total,Total acme 2027-01,,,,,,,75.00,EUR\r\n',
      );
    });

    it('raises the 80 % alert before the 100 % one, and neither below 80 %', () => {
      const at = (minutes: number) =>
        statementOf(tiered, orgOf('gold'), [logged('a', { tier: 'gold', minutes, at: day(5) })], '2027-01', FEBRUARY).alerts;
      expect(at(191)).toEqual({ at80: false, at100: false });
      expect(at(192)).toEqual({ at80: true, at100: false });
      expect(at(240)).toEqual({ at80: true, at100: true });
    });

    it('bills platinum overage beyond 10 h in 15-minute increments, rounded up', () => {
      const revisions = [logged('a', { tier: 'platinum', minutes: hours(10) + 70, at: day(5) })];
      const statement = statementOf(tiered, orgOf('platinum'), revisions, '2027-01', FEBRUARY);
      expect(statement).toMatchObject({ includedMinutes: 600, overageMinutes: 70, billedOverageMinutes: 75, total: 9375 });
      expect(statement.lines[0]).toMatchObject({ quantity: 1.25, unitPrice: 7500, amount: 9375 });
    });

    it('bills basic tickets per ticket at 75 EUR/h, each rounded up to 15 minutes', () => {
      const revisions = [
        logged('a', { tier: 'basic', minutes: 30, at: day(5), caseId: 7 }),
        logged('b', { tier: 'basic', minutes: 20, at: day(6), caseId: 7 }),
        logged('c', { tier: 'basic', minutes: 10, at: day(6), caseId: 9 }),
      ];
      const statement = statementOf(tiered, orgOf('basic'), revisions, '2027-01', FEBRUARY);
      expect(statement).toMatchObject({ includedMinutes: 0, usedMinutes: 0, paidMinutes: 60, total: 7500 + 1875 });
      expect(statement.lines.map((l) => [l.kind, l.caseId, l.minutes, l.amount, l.description])).toEqual([
        ['paid', 7, 60, 7500, 'Paid support, case #7 (basic)'],
        ['paid', 9, 15, 1875, 'Paid support, case #9 (basic)'],
      ]);
      expect(statement.alerts).toEqual({ at80: false, at100: false });
    });

    it('counts time on a ticket by the tier it was opened under: a basic ticket of a gold org is paid', () => {
      const revisions = [
        logged('a', { tier: 'gold', minutes: hours(1), at: day(5) }),
        logged('b', { tier: 'basic', minutes: hours(1), at: day(5), caseId: 3 }),
      ];
      const statement = statementOf(tiered, orgOf('gold'), revisions, '2027-01', FEBRUARY);
      expect(statement).toMatchObject({ usedMinutes: 60, paidMinutes: 60, overageMinutes: 0, total: 7500 });
    });

    it('bills gold tickets at their overage rate when the org has moved to a tier without included time', () => {
      const org = orgOf('gold', [[Date.UTC(2027, 0, 31, 23), 'basic']]);
      const revisions = [logged('a', { tier: 'gold', minutes: 20, at: day(5, 1) })];
      const statement = statementOf(tiered, org, revisions, '2027-02', MARCH);
      expect(statement).toMatchObject({
        tier: 'basic',
        includedMinutes: 0,
        usedMinutes: 20,
        overageMinutes: 20,
        billedOverageMinutes: 30,
        total: 3750,
      });
      expect(statement.lines[0]?.description).toBe('Support on gold tickets, no included time under basic');
    });
  });

  describe('kolmisoft preset', () => {
    it('bills a ticket without a plan 50 EUR/h, a bug ticket nothing, and a plan nothing', () => {
      const revisions = [
        logged('a', { tier: 'none', minutes: 90, at: day(5), caseId: 1, category: 'question' }),
        logged('b', { tier: 'none', minutes: 120, at: day(5), caseId: 2, category: 'bug', billable: false }),
        logged('c', { tier: 'gold', minutes: 180, at: day(5), caseId: 3 }),
      ];
      const statement = statementOf(kolmisoft, orgOf('none'), revisions, '2027-01', FEBRUARY);
      expect(statement).toMatchObject({ zone: '+02:00', paidMinutes: 90, nonBillableMinutes: 120, coveredMinutes: 180, total: 7500 });
      expect(statement.lines).toEqual([expect.objectContaining({ kind: 'paid', caseId: 1, quantity: 1.5, unitPrice: 5000, amount: 7500 })]);
    });

    it('bills a gold org nothing for its plan tickets', () => {
      const revisions = [logged('a', { tier: 'gold', minutes: hours(20), at: day(5) })];
      const statement = statementOf(kolmisoft, orgOf('gold'), revisions, '2027-01', FEBRUARY);
      expect(statement).toMatchObject({ coveredMinutes: hours(20), usedMinutes: 0, lines: [], total: 0 });
    });
  });

  describe('roll-over', () => {
    it('carries unused included time into the next period up to the cap, carried time used first and not carried again', () => {
      const org = orgOf('gold');
      const revisions = [
        logged('a', { tier: 'gold', minutes: hours(1), at: day(5) }),
        logged('b', { tier: 'gold', minutes: hours(5), at: day(5, 1) }),
      ];
      const january = statementOf(CARRY, org, revisions, '2027-01', MARCH);
      expect(january).toMatchObject({ carriedInMinutes: 120, usedMinutes: 60, carriedOutMinutes: 120 });
      const february = statementOf(CARRY, org, revisions, '2027-02', MARCH);
      // 5 h against 2 h carried + 4 h included: 2 h carried are used first, 3 h of the 4 h, so 1 h carries on.
      expect(february).toMatchObject({ carriedInMinutes: 120, usedMinutes: 300, overageMinutes: 0, carriedOutMinutes: 60, total: 0 });
      const march = statementOf(CARRY, org, revisions, '2027-03', day(20, 2));
      expect(march).toMatchObject({ status: 'open', carriedInMinutes: 60, includedMinutes: 240 });
    });

    it('folds a period from its own revisions and the carry its predecessor issued, as from the whole ledger', () => {
      const org = orgOf('gold');
      const revisions = [
        logged('a', { tier: 'gold', minutes: hours(1), at: day(5) }),
        logged('b', { tier: 'gold', minutes: hours(5), at: day(5, 1) }),
        logged('c', { tier: 'gold', minutes: hours(2), at: day(12, 2) }),
      ];
      const february = statementOf(CARRY, org, revisions, '2027-02', MARCH);
      const whole = statementOf(CARRY, org, revisions, '2027-03', day(20, 2));
      const own = revisions.filter((r) => r.recordedAt >= whole.start);
      const folded = usageStatement({
        policy: CARRY,
        org,
        zone: CARRY.zone(),
        revisions: own,
        carried: new Map([[whole.start, february.carriedOutMinutes]]),
        period: '2027-03',
        now: day(20, 2),
      });
      expect(folded).toEqual(whole);
      // Without the issued carry, the period's own revisions alone would carry in the full cap.
      expect(statementOf(CARRY, org, own, '2027-03', day(20, 2)).carriedInMinutes).not.toBe(whole.carriedInMinutes);
    });

    it('carries nothing into the period the org was created in', () => {
      const org = { ...orgOf('gold'), since: day(15) };
      expect(statementOf(CARRY, org, [], '2027-01', FEBRUARY).carriedInMinutes).toBe(0);
      expect(statementOf(CARRY, org, [], '2027-02', MARCH).carriedInMinutes).toBe(120);
    });
  });

  describe('periods', () => {
    it('counts work by its local date in the org zone: Berlin midnight, across the spring DST change', () => {
      const revisions = [
        logged('before', { tier: 'gold', minutes: 10, at: Date.UTC(2027, 1, 28, 22, 59) }),
        logged('first', { tier: 'gold', minutes: 20, at: Date.UTC(2027, 1, 28, 23, 0) }),
        logged('last', { tier: 'gold', minutes: 40, at: Date.UTC(2027, 2, 31, 21, 59) }),
        logged('after', { tier: 'gold', minutes: 80, at: Date.UTC(2027, 2, 31, 22, 0) }),
      ];
      const march = statementOf(tiered, orgOf('gold'), revisions, '2027-03', day(10, 3));
      expect(march).toMatchObject({ start: Date.UTC(2027, 1, 28, 23), end: Date.UTC(2027, 2, 31, 22), usedMinutes: 60 });
    });

    it('bills a quarterly tier per quarter and answers a month with the quarter to ask for', () => {
      const revisions = [logged('a', { tier: 'quarterly', minutes: hours(13) + 10, at: day(5, 1) })];
      const q1 = statementOf(CARRY, orgOf('quarterly'), revisions, '2027-Q1', day(5, 3));
      // 70 minutes over, billed to the nearest 30: 60 minutes at 60 EUR.
      expect(q1).toMatchObject({ includedMinutes: 720, overageMinutes: 70, billedOverageMinutes: 60, total: 6000 });
      const error = errorOf(() => statementOf(CARRY, orgOf('quarterly'), revisions, '2027-02', day(5, 3)));
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'period', message: expect.stringContaining('ask for 2027-Q1') }],
      });
    });

    it('takes the tier of the period from its start: a change from the quarter on applies to that quarter', () => {
      const org = orgOf('gold', [[Date.UTC(2027, 2, 31, 22), 'platinum']]);
      expect(statementOf(tiered, org, [], '2027-03', day(10, 3)).tier).toBe('gold');
      expect(statementOf(tiered, org, [], '2027-04', day(10, 3))).toMatchObject({ tier: 'platinum', includedMinutes: 600, status: 'open' });
    });

    it('refuses a period that has not begun', () => {
      const error = errorOf(() => statementOf(tiered, orgOf('gold'), [], '2027-03', FEBRUARY));
      expect(error).toMatchObject({
        code: 'validation_failed',
        errors: [{ path: 'period', message: '2027-03 has not begun: it starts 2027-02-28T23:00:00.000Z' }],
      });
    });
  });

  describe('closed periods', () => {
    const january = [
      logged('a', { tier: 'gold', minutes: hours(3), at: day(5) }),
      logged('b', { tier: 'gold', minutes: hours(2), at: day(20), caseId: 2 }),
    ];

    it('bills 30 minutes logged in February for January as an adjustment in February, January unchanged', () => {
      const late = logged('late', { tier: 'gold', minutes: 30, at: day(28), recordedAt: day(3, 1), caseId: 3 });
      const revisions = [...january, late];
      expect(statementOf(tiered, orgOf('gold'), revisions, '2027-01', MARCH)).toEqual(
        statementOf(tiered, orgOf('gold'), january, '2027-01', FEBRUARY),
      );
      const february = statementOf(tiered, orgOf('gold'), revisions, '2027-02', MARCH);
      expect(february).toMatchObject({ usedMinutes: 0, total: 3750 });
      expect(february.lines).toEqual([
        {
          kind: 'adjustment',
          description: 'Adjustment to 2027-01: Support beyond the 4h included (gold)',
          quantity: 0.5,
          unit: 'h',
          unitPrice: 7500,
          amount: 3750,
          currency: 'EUR',
          minutes: 30,
          adjusts: '2027-01',
        },
      ]);
    });

    it('credits an entry deleted after its period closed, and a correction by the difference it makes', () => {
      const [a, b] = january as [ReturnType<typeof logged>, ReturnType<typeof logged>];
      const revisions = [...january, deleted(b, day(2, 1)), corrected(a, day(3, 1), { minutes: hours(4) + 5 })];
      const february = statementOf(tiered, orgOf('gold'), revisions, '2027-02', MARCH);
      // January as issued: 5 h, 60 min over. Now: 4 h 05 min, 5 over, billed 15: 45 minutes credited.
      expect(february.lines).toEqual([
        expect.objectContaining({ kind: 'adjustment', minutes: -45, quantity: -0.75, amount: -5625, adjusts: '2027-01' }),
      ]);
      expect(february.total).toBe(-5625);
    });

    it('moves an entry whose date is corrected out of a closed period: credited there, counted in the open one', () => {
      const [, b] = january as [ReturnType<typeof logged>, ReturnType<typeof logged>];
      const revisions = [...january, corrected(b, day(3, 1), { at: day(2, 1) })];
      const february = statementOf(tiered, orgOf('gold'), revisions, '2027-02', MARCH);
      expect(february).toMatchObject({ usedMinutes: 120, total: -7500 });
      expect(february.lines).toEqual([expect.objectContaining({ kind: 'adjustment', minutes: -60, amount: -7500, adjusts: '2027-01' })]);
    });

    it('leaves carried minutes as issued: a late entry adjusts the closed period, not the carry', () => {
      const org = orgOf('gold');
      const revisions = [
        logged('a', { tier: 'gold', minutes: hours(3), at: day(5) }),
        logged('late', { tier: 'gold', minutes: hours(2), at: day(6), recordedAt: day(20, 1) }),
      ];
      // January as issued: 2 h carried in (December unused) and used first, 1 h of the 4 h: 2 h (the cap) carried out.
      expect(statementOf(CARRY, org, revisions, '2027-01', MARCH)).toMatchObject({ carriedInMinutes: 120, carriedOutMinutes: 120 });
      // With the late 2 h January would have carried out 1 h; February keeps the 2 h issued, and nothing is billed.
      expect(statementOf(CARRY, org, revisions, '2027-02', MARCH)).toMatchObject({ carriedInMinutes: 120, lines: [], total: 0 });
    });
  });
});
