import { describe, expect, it } from 'vitest';
import { deliverableMethods, type SmsContact, smsContactSchema, withSmsEvent } from '#shared/oncall/contact-methods.ts';
import { parseMobileNumber } from '#shared/oncall/mobile-numbers.ts';
import { applyPersonInput, type Person, personSchema } from '#shared/oncall/people.ts';
import { personInputSchema } from '#shared/oncall/person-input.ts';
import { formatPath } from '#shared/policy/policy-error.ts';

const AT = Date.parse('2026-03-02T09:00:00Z');

/** Each problem of a parse as `path: message`. */
function problems(
  schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } },
  value: unknown,
) {
  const result = schema.safeParse(value);
  return result.success ? [] : (result.error?.issues ?? []).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
}

const ana = { id: 'ana-lima', name: 'Ana Lima', zone: 'Europe/Berlin', email: 'ana@kore.example' };

describe('people', () => {
  describe('what an administrator sends', () => {
    it('stores every SMS number as E.164, whatever its notation', () => {
      const parsed = personInputSchema().parse({ ...ana, sms: [{ number: '+49 151 1234-5678' }, { number: '+1 (201) 555-0123' }] });
      expect(parsed.sms).toEqual([{ number: '+4915112345678' }, { number: '+12015550123' }]);
    });

    it('reads a national number only when a default country is set', () => {
      expect(personInputSchema({ defaultCountry: 'DE' }).parse({ ...ana, sms: [{ number: '0151 12345678' }] }).sms).toEqual([
        { number: '+4915112345678' },
      ]);
      expect(problems(personInputSchema(), { ...ana, sms: [{ number: '0151 12345678' }] })).toEqual([
        'sms[0].number: must start with + and a country code (national numbers need a default country)',
      ]);
    });

    it('refuses landlines, toll-free numbers and garbage at the number’s path', () => {
      const [landline] = problems(personInputSchema(), { ...ana, sms: [{ number: '+4915112345678' }, { number: '+49 30 12345678' }] });
      expect(landline).toMatch(/^sms\[1\]\.number: must be a valid mobile number/);
      expect(problems(personInputSchema(), { ...ana, sms: [{ number: '+800 1234 5678' }] })).toEqual([
        'sms[0].number: must be a mobile number that can receive SMS, not a toll-free number',
      ]);
      expect(problems(personInputSchema(), { ...ana, sms: [{ number: 'call me' }] })).toEqual(['sms[0].number: must be a phone number']);
      expect(problems(personInputSchema(), { ...ana, sms: [{ number: `+49${'1'.repeat(60)}` }] })[0]).toMatch(
        /^sms\[0\]\.number: .*too long/,
      );
    });

    it('refuses the same number twice, even in two notations, and more than three numbers', () => {
      expect(problems(personInputSchema(), { ...ana, sms: [{ number: '+4915112345678' }, { number: '+49 151 12345678' }] })).toEqual([
        'sms: lists a number twice',
      ]);
      const four = ['+4915112345671', '+4915112345672', '+4915112345673', '+4915112345674'].map((number) => ({ number }));
      expect(problems(personInputSchema(), { ...ana, sms: four })).toEqual(['sms: at most 3 numbers']);
      // Refused by its length before any number is parsed: one problem, not one per bad number.
      expect(problems(personInputSchema(), { ...ana, sms: Array.from({ length: 5_000 }, () => ({ number: 'x' })) })).toHaveLength(1);
    });

    it('names each bad field: slug, zone, e-mail, name, unknown fields', () => {
      const found = problems(personInputSchema(), {
        id: 'Ana Lima',
        name: '\u0007',
        zone: 'Mars/Olympus',
        email: 'not-mail',
        role: 'vp',
      });
      expect(found.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['id', 'name', 'zone', 'email', '']));
      expect(found).toContain('zone: must be an IANA time zone such as Europe/Berlin');
      expect(problems(personInputSchema(), { ...ana, zone: '+02:00' })).toEqual(['zone: must be an IANA time zone such as Europe/Berlin']);
      expect(problems(personInputSchema(), { ...ana, id: '-ana' })[0]).toMatch(/^id: must be a slug/);
    });
  });

  describe('applying an input to the directory', () => {
    it('starts new numbers unverified and keeps the state of numbers already on file', () => {
      const before: Person = {
        ...ana,
        agent: false,
        sms: [
          { number: '+4915112345678', state: 'verified', verifiedAt: AT },
          { number: '+4915112345679', state: 'opted-out', verifiedAt: AT, optedOutAt: AT + 1 },
        ],
      };
      const input = personInputSchema().parse({
        ...ana,
        name: 'Ana M. Lima',
        sms: [{ number: '+49 151 12345679' }, { number: '+12015550123' }],
      });
      const { person, added } = applyPersonInput(before, input);
      expect(person).toEqual({
        ...ana,
        name: 'Ana M. Lima',
        agent: false,
        sms: [
          { number: '+4915112345679', state: 'opted-out', verifiedAt: AT, optedOutAt: AT + 1 },
          { number: '+12015550123', state: 'unverified' },
        ],
      });
      expect(added).toEqual(['+12015550123']);
      expect(personSchema.parse(person)).toEqual(person);
    });
  });

  describe('a stored person read back', () => {
    it('requires the instant of each state and an E.164 number', () => {
      expect(problems(personSchema, { ...ana, sms: [{ number: '+4915112345678', state: 'verified' }] })).toEqual([
        'sms[0].verifiedAt: a verified number needs verifiedAt',
      ]);
      expect(problems(personSchema, { ...ana, sms: [{ number: '+4915112345678', state: 'opted-out' }] })).toEqual([
        'sms[0].optedOutAt: an opted-out number needs optedOutAt',
      ]);
      expect(problems(smsContactSchema, { number: '015112345678', state: 'unverified' })[0]).toMatch(/^number: must be E\.164/);
      expect(problems(smsContactSchema, { number: '+4915112345678x', state: 'unverified' })[0]).toMatch(/^number: must be E\.164/);
      expect(problems(smsContactSchema, { number: '+0123456789', state: 'unverified' })[0]).toMatch(/^number: must be E\.164/);
    });

    it('does not parse a stored number again: one a newer libphonenumber would refuse still reads', () => {
      // A Berlin landline: refused as input, but once stored it is only held to E.164.
      expect(parseMobileNumber('+493012345678')).toHaveProperty('problem');
      expect(problems(smsContactSchema, { number: '+493012345678', state: 'verified', verifiedAt: 1 })).toEqual([]);
      expect(problems(personSchema, { ...ana, sms: [{ number: '+493012345678', state: 'unverified' }] })).toEqual([]);
    });
  });
});

describe('contact methods', () => {
  it('parses UK and US mobiles and refuses an unknown country code', () => {
    expect(parseMobileNumber('07911 123456', 'GB')).toEqual({ number: '+447911123456' });
    expect(parseMobileNumber('(201) 555-0123', 'US')).toEqual({ number: '+12015550123' });
    expect(parseMobileNumber('+999 123456', 'DE')).toEqual({ problem: 'has an unknown country code' });
  });

  describe('which a page may use now', () => {
    const sms: SmsContact[] = [
      { number: '+4915112345671', state: 'verified', verifiedAt: AT },
      { number: '+4915112345672', state: 'unverified' },
      { number: '+4915112345673', state: 'opted-out', verifiedAt: AT, optedOutAt: AT },
    ];

    it('uses verified numbers and the e-mail address, and gives the reason for each number skipped', () => {
      expect(deliverableMethods({ email: 'ana@kore.example', sms })).toEqual({
        channels: [
          { kind: 'sms', number: '+4915112345671' },
          { kind: 'email', address: 'ana@kore.example' },
        ],
        skipped: [
          { channel: { kind: 'sms', number: '+4915112345672' }, reason: 'unverified' },
          { channel: { kind: 'sms', number: '+4915112345673' }, reason: 'opted out' },
        ],
      });
    });

    it('falls through to e-mail when every number is opted out', () => {
      const methods = deliverableMethods({ email: 'ana@kore.example', sms: [sms[2] as SmsContact] });
      expect(methods.channels).toEqual([{ kind: 'email', address: 'ana@kore.example' }]);
      expect(methods.skipped.map((s) => s.reason)).toEqual(['opted out']);
    });
  });

  describe('state changes', () => {
    const fresh: SmsContact = { number: '+4915112345678', state: 'unverified' };

    it('verifies, opts out (keeping the first opt-out instant) and opts back in to the state it had', () => {
      const verified = withSmsEvent(fresh, 'verified', AT);
      expect(verified).toEqual({ number: fresh.number, state: 'verified', verifiedAt: AT });
      const out = withSmsEvent(verified, 'opted-out', AT + 5);
      expect(withSmsEvent(out, 'opted-out', AT + 9)).toEqual({ ...verified, state: 'opted-out', optedOutAt: AT + 5 });
      expect(withSmsEvent(out, 'opted-in', AT + 10)).toEqual(verified);
      expect(withSmsEvent(withSmsEvent(fresh, 'opted-out', AT), 'opted-in', AT + 1)).toEqual(fresh);
    });

    it('does not verify an opted-out number (a code cannot reach it)', () => {
      const out = withSmsEvent(fresh, 'opted-out', AT);
      expect(withSmsEvent(out, 'verified', AT + 1)).toBe(out);
    });
  });
});
