import { describe, expect, it } from 'vitest';
import { billableText, formatMinutes, freeCategoriesOf, parseDuration } from '../../web/src/lib/time-view.ts';

describe('parseDuration', () => {
  describe('reads what an agent types as whole minutes', () => {
    it.each([
      ['75', 75],
      [' 45 ', 45],
      ['1:15', 75],
      ['0:05', 5],
      ['1h15m', 75],
      ['1h 15m', 75],
      ['1 h 15 min', 75],
      ['2h', 120],
      ['2 hours', 120],
      ['45min', 45],
      ['45 minutes', 45],
      ['1.5h', 90],
      ['1.25h', 75],
      ['0.1h', 6],
      ['1H30M', 90],
      ['24h', 1440],
      ['0', 0],
    ])('"%s" is %d minutes', (text, minutes) => expect(parseDuration(text)).toEqual({ minutes }));
  });

  describe('refuses what is not a duration, saying what to type', () => {
    it.each([
      ['', 'enter the time spent, e.g. 45 or 1h15m'],
      ['abc', 'cannot read "abc" as a duration: use minutes (75) or 1h15m'],
      ['1h15', 'cannot read "1h15" as a duration: use minutes (75) or 1h15m'],
      ['-30', 'cannot read "-30" as a duration: use minutes (75) or 1h15m'],
      ['1:75', 'cannot read "1:75" as a duration: use minutes (75) or 1h15m'],
      ['1.5', 'cannot read "1.5" as a duration: use minutes (75) or 1h15m'],
      ['0.33h', '"0.33h" is not a whole number of minutes'],
      ['1.5m', '"1.5m" is not a whole number of minutes'],
    ])('"%s"', (text, error) => expect(parseDuration(text)).toEqual({ error }));
  });
});

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [75, '1 h 15 min'],
    [300, '5 h'],
    [1440, '24 h'],
    [-30, '−30 min'],
    [-90, '−1 h 30 min'],
  ])('%d minutes is "%s"', (minutes, text) => expect(formatMinutes(minutes)).toBe(text));

  it('round-trips through parseDuration', () => {
    for (const minutes of [1, 59, 60, 61, 119, 600, 1439]) {
      const text = formatMinutes(minutes).replace(/ /g, '');
      expect(parseDuration(text)).toEqual({ minutes });
    }
  });
});

describe('billableText', () => {
  it('says billable, or why not: the free category, else that the agent said so', () => {
    expect(billableText(true, 'bug', ['bug'])).toBe('billable');
    expect(billableText(false, 'bug', ['bug'])).toBe('free: bug');
    expect(billableText(false, 'question', ['bug'])).toBe('not billable');
    expect(billableText(false, undefined, ['bug'])).toBe('not billable');
  });
});

describe('freeCategoriesOf', () => {
  it("reads a policy document's billing.freeCategories, and nothing from one without", () => {
    expect(freeCategoriesOf({ id: 'kolmisoft', billing: { freeCategories: ['bug'] } })).toEqual(['bug']);
    expect(freeCategoriesOf({ id: 'kore' })).toEqual([]);
    expect(freeCategoriesOf({ billing: { freeCategories: 'bug' } })).toEqual([]);
    expect(freeCategoriesOf(undefined)).toEqual([]);
  });
});
