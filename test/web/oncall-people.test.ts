import { describe, expect, it } from 'vitest';
import {
  draftOfPerson,
  emptyPerson,
  icalFileName,
  icalRange,
  newPersonBody,
  type PersonView,
  personUpdateBody,
  smsStateLabel,
  smsStateText,
  splitNumbers,
  verifiable,
} from '../../web/src/lib/people-view.ts';

const ANA: PersonView = {
  id: 'ana-lima',
  name: 'Ana Lima',
  zone: 'Europe/Berlin',
  email: 'ana@support.example',
  agent: true,
  sms: [
    { number: '+4915112345678', state: 'verified', verifiedAt: '2026-03-02T08:00:00Z' },
    { number: '+447700900123', state: 'opted-out', optedOutAt: '2026-03-03T10:00:00Z' },
    { number: '+14155550100', state: 'unverified' },
  ],
  version: 3,
  updatedAt: '2026-03-03T10:00:00Z',
};

describe('the People pages', () => {
  describe('the person form', () => {
    it('reads one number a line or separated by commas, keeping spaces inside a number for the server to parse', () => {
      expect(splitNumbers(' +49 151 1234 5678 \n\n+44 7700 900123, +1 415 555 0100;')).toEqual([
        '+49 151 1234 5678',
        '+44 7700 900123',
        '+1 415 555 0100',
      ]);
      expect(splitNumbers(' \n , ')).toEqual([]);
    });

    it('sends a new person with their numbers as contact methods, the fields trimmed', () => {
      const draft = {
        ...emptyPerson('Europe/Berlin'),
        id: ' dan-roe ',
        name: ' Dan Roe ',
        email: 'dan@support.example ',
        numbers: '+4915112345679',
      };
      expect(newPersonBody(draft)).toEqual({
        id: 'dan-roe',
        name: 'Dan Roe',
        zone: 'Europe/Berlin',
        email: 'dan@support.example',
        agent: false,
        sms: [{ number: '+4915112345679' }],
      });
    });

    it('edits a person with the version read, every number kept (an opted-out one too)', () => {
      const draft = draftOfPerson(ANA);
      expect(draft.numbers).toBe('+4915112345678\n+447700900123\n+14155550100');
      expect(personUpdateBody({ ...draft, name: 'Ana Lima-Ode' }, ANA.version)).toEqual({
        id: 'ana-lima',
        name: 'Ana Lima-Ode',
        zone: 'Europe/Berlin',
        email: 'ana@support.example',
        agent: true,
        sms: [{ number: '+4915112345678' }, { number: '+447700900123' }, { number: '+14155550100' }],
        version: 3,
      });
    });
  });

  describe('numbers and their state', () => {
    it('says each state in words, an opted-out number shown as such', () => {
      const [verified, optedOut, unverified] = ANA.sms as [PersonView['sms'][number], PersonView['sms'][number], PersonView['sms'][number]];
      expect(smsStateText(verified, 'Europe/Berlin')).toMatch(/^verified on Mon, .*2026, 09:00 .*\(Europe\/Berlin\)$/);
      expect(smsStateText(optedOut, 'UTC')).toMatch(/^opted out: gets no pages \(since Tue, .*2026, 10:00 .*\(UTC\)\)$/);
      expect(smsStateText(unverified)).toBe('unverified: gets no pages until its code is entered');
      expect(ANA.sms.map((s) => smsStateLabel(s.state))).toEqual(['verified', 'opted out', 'unverified']);
    });

    it('offers a code only to unverified numbers', () => {
      expect(verifiable(ANA.sms).map((s) => s.number)).toEqual(['+14155550100']);
    });
  });

  describe('the iCal download', () => {
    it('covers a week back and 90 days ahead, named after the person', () => {
      expect(icalRange(Date.parse('2026-03-10T12:00:00Z'))).toEqual({ from: '2026-03-03T12:00:00.000Z', to: '2026-06-08T12:00:00.000Z' });
      expect(icalFileName('ana-lima')).toBe('ana-lima-shifts.ics');
    });
  });
});
