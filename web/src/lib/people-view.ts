/**
 * The People pages' view logic (no DOM): a person as the API answers them, the form an admin
 * fills in and the body `POST /people` or `PUT /people/{id}` takes, each number's state in words,
 * and the range of shifts the iCal download covers. The server parses and checks the numbers;
 * the form only splits what was typed.
 */

// The generated types, not api.ts: this module stays free of the DOM, for its tests.
import type { components } from '../../../client/compiled-openapi.ts';
import { formatInstant } from './format.ts';

export type PersonView = components['schemas']['Person'];
export type SmsView = PersonView['sms'][number];
export type SmsState = SmsView['state'];

export interface PersonDraft {
  readonly id: string;
  readonly name: string;
  readonly zone: string;
  readonly email: string;
  readonly agent: boolean;
  /** As typed: one number a line, or separated by commas. */
  readonly numbers: string;
}

export function emptyPerson(zone: string): PersonDraft {
  return { id: '', name: '', zone, email: '', agent: false, numbers: '' };
}

export function draftOfPerson({ id, name, zone, email, agent, sms }: PersonView): PersonDraft {
  return { id, name, zone, email, agent, numbers: sms.map((s) => s.number).join('\n') };
}

/** `"+49 151 2345\n+44 7700 900123, "` → each number as typed (spaces inside kept for the server to read), in order. */
export function splitNumbers(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((number) => number.trim())
    .filter((number) => number !== '');
}

export interface PersonBody {
  readonly name: string;
  readonly zone: string;
  readonly email: string;
  readonly agent: boolean;
  readonly sms: readonly { readonly number: string }[];
}

/** The body of `POST /people`: the fields trimmed, each number a contact method (new ones start unverified). */
export function newPersonBody(draft: PersonDraft): PersonBody & { readonly id: string } {
  return { id: draft.id.trim(), ...personSettings(draft) };
}

/** The body of `PUT /people/{id}`: the whole person with the version read, so a change made meanwhile is refused (409), not overwritten. */
export function personUpdateBody(draft: PersonDraft, version: number): PersonBody & { readonly id: string; readonly version: number } {
  return { ...newPersonBody(draft), version };
}

function personSettings(draft: PersonDraft): PersonBody {
  return {
    name: draft.name.trim(),
    zone: draft.zone.trim(),
    email: draft.email.trim(),
    agent: draft.agent,
    sms: splitNumbers(draft.numbers).map((number) => ({ number })),
  };
}

/**
 * Where the server's problem for the numbers belongs: `sms[1].number` is the second number typed,
 * which the form shows in one field, so every `sms…` path is that field's.
 */
export const NUMBERS_PATH = 'sms';

/** `unverified`, `verified`, `opted out`: the state's name in a list. */
export function smsStateLabel(state: SmsState): string {
  return state === 'opted-out' ? 'opted out' : state;
}

/** `verified on Mon, 2 Mar 2026, 09:00 CET (Europe/Berlin)`, `opted out (replied STOP) on …`, `unverified: gets no pages`. */
export function smsStateText(sms: SmsView, zone?: string): string {
  if (sms.state === 'verified') return sms.verifiedAt === undefined ? 'verified' : `verified on ${formatInstant(sms.verifiedAt, zone)}`;
  if (sms.state === 'opted-out')
    return `opted out: gets no pages${sms.optedOutAt === undefined ? '' : ` (since ${formatInstant(sms.optedOutAt, zone)})`}`;
  return 'unverified: gets no pages until its code is entered';
}

/** The numbers a verification code can be sent to: the unverified ones (an opted-out number must first reply START). */
export function verifiable(sms: readonly SmsView[]): SmsView[] {
  return sms.filter((s) => s.state === 'unverified');
}

/** The shifts the iCal download covers: from a week ago to 90 days ahead, as the API's query. */
export function icalRange(now: number): { readonly from: string; readonly to: string } {
  const day = 86_400_000;
  return { from: new Date(now - 7 * day).toISOString(), to: new Date(now + 90 * day).toISOString() };
}

/** `ana-lima-shifts.ics`. */
export function icalFileName(personId: string): string {
  return `${personId}-shifts.ics`;
}
