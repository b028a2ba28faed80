import { describe, expect, it } from 'vitest';
import { toLocalInput } from '../../web/src/lib/format.ts';
import {
  billableText,
  correctionBody,
  describeTimeChange,
  draftOfEntry,
  formatMinutes,
  freeCategoriesOf,
  NEW_TIME_DRAFT,
  newTimeBody,
  parseDuration,
} from '../../web/src/lib/time-view.ts';

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

describe('newTimeBody', () => {
  it('sends the parsed minutes, billable, a trimmed note, and the typed date as an instant (none: now)', () => {
    expect(newTimeBody({ ...NEW_TIME_DRAFT, minutes: '1h15m' })).toEqual({ body: { minutes: 75, billable: true } });
    const at = Date.parse('2027-01-12T09:30:00Z');
    expect(newTimeBody({ minutes: '45', billable: false, note: '  traced the 503s ', at: toLocalInput(at) })).toEqual({
      body: { minutes: 45, billable: false, note: 'traced the 503s', at: '2027-01-12T09:30:00.000Z' },
    });
  });

  it('puts an unreadable duration on the minutes field, as the API would, and sends nothing', () => {
    expect(newTimeBody({ ...NEW_TIME_DRAFT, minutes: 'soon' })).toEqual({
      errors: [{ path: 'minutes', message: 'cannot read "soon" as a duration: use minutes (75) or 1h15m' }],
    });
  });

  it('leaves the range to the API (0 and 1441 are sent, for the API to refuse on the field)', () => {
    expect(newTimeBody({ ...NEW_TIME_DRAFT, minutes: '0' })).toEqual({ body: { minutes: 0, billable: true } });
    expect(newTimeBody({ ...NEW_TIME_DRAFT, minutes: '1441' })).toEqual({ body: { minutes: 1441, billable: true } });
  });
});

describe('correctionBody', () => {
  const entry = { minutes: 75, billable: true, at: '2027-01-12T09:30:00Z', note: 'gateway' };

  it('starts from the entry as it stands', () => {
    expect(draftOfEntry(entry)).toEqual({ minutes: '1 h 15 min', billable: true, note: 'gateway', at: toLocalInput(Date.parse(entry.at)) });
  });

  it('sends only what changed', () => {
    const draft = draftOfEntry(entry);
    expect(correctionBody({ ...draft, minutes: '45m' }, entry)).toEqual({ body: { minutes: 45 } });
    expect(correctionBody({ ...draft, billable: false, note: 'gateway pool' }, entry)).toEqual({
      body: { billable: false, note: 'gateway pool' },
    });
    expect(correctionBody({ ...draft, at: toLocalInput(Date.parse('2027-01-11T08:00:00Z')) }, entry)).toEqual({
      body: { at: '2027-01-11T08:00:00.000Z' },
    });
  });

  it('sends nothing when nothing changed, a duration typed differently included', () => {
    const draft = draftOfEntry(entry);
    const nothing = { errors: [{ path: '', message: 'nothing changed: change the time, billable, the note or the date' }] };
    expect(correctionBody(draft, entry)).toEqual(nothing);
    expect(correctionBody({ ...draft, minutes: '1:15' }, entry)).toEqual(nothing);
  });

  it('refuses an unreadable duration on its field', () => {
    expect(correctionBody({ ...draftOfEntry(entry), minutes: '1h15' }, entry)).toEqual({
      errors: [{ path: 'minutes', message: 'cannot read "1h15" as a duration: use minutes (75) or 1h15m' }],
    });
  });
});

describe('describeTimeChange', () => {
  it('says what was logged, and why it is not billable when the policy said so', () => {
    expect(describeTimeChange('time_logged', { entry: '10001-001', minutes: '75', billable: 'true', at: '2027-01-12T09:30:00Z' })).toBe(
      'logged 1 h 15 min (entry 10001-001, billable)',
    );
    expect(
      describeTimeChange('time_logged', {
        entry: '10002-001',
        minutes: '30',
        billable: 'false',
        notBillable: 'the kolmisoft policy does not bill tickets of category "bug"',
      }),
    ).toBe('logged 30 min (entry 10002-001, not billable: the kolmisoft policy does not bill tickets of category "bug")');
  });

  it('names each corrected field with its old and new value', () => {
    expect(
      describeTimeChange('time_corrected', {
        entry: '10001-001',
        rev: '2',
        'from.minutes': '75',
        'to.minutes': '45',
        'from.billable': 'true',
        'to.billable': 'false',
        'from.note': '',
        'to.note': 'gateway',
      }),
    ).toBe('corrected time entry 10001-001: time spent 1 h 15 min → 45 min, billable yes → no, note none → “gateway”');
  });

  it('says what was deleted, and a category change', () => {
    expect(describeTimeChange('time_deleted', { entry: '10001-002', rev: '2', minutes: '60', billable: 'true' })).toBe(
      'deleted time entry 10001-002 (1 h, billable)',
    );
    expect(describeTimeChange('category_changed', { from: 'question', to: 'bug' })).toBe('changed the category from question to bug');
    expect(describeTimeChange('category_changed', { to: 'bug' })).toBe('set the category to bug');
  });

  it('leaves other entries to the timeline', () => expect(describeTimeChange('responded', {})).toBeUndefined());
});
