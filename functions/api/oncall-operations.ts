/**
 * The staff directory: people (admins write, staff read), proving an SMS number by a texted code,
 * and a person's shifts (JSON, or iCalendar by `Accept: text/calendar`). A number gets no page
 * until its code is entered; codes are kept only as an HMAC (shared/oncall/verification-codes.ts).
 * The roles' rotations and overrides are in rotation-operations.ts.
 */

import { randomBytes } from 'node:crypto';
import { DomainError, RateLimited } from '#shared/domain-error.ts';
import { icalOf } from '#shared/oncall/ical.ts';
import { applyPersonInput } from '#shared/oncall/people.ts';
import type { Directory, SmsSender, StoredPerson } from '#shared/oncall/ports.ts';
import { MAX_SHIFTS_RANGE_MS, type Shift, shiftsOf } from '#shared/oncall/shifts.ts';
import { checkVerification, newVerification, VERIFICATION } from '#shared/oncall/verification-codes.ts';
import { DAY_MS } from '#shared/time/duration.ts';
import { formatInstant } from '#shared/time/instant.ts';
import * as schemas from './oncall-schemas.ts';
import { personView, shiftView } from './oncall-views.ts';
import type { ApiDeps, ApiRequest, Operation } from './operation.ts';
import { prefersOverJson, remembered, signedIn, validate } from './operation.ts';
import type { RouteKey } from './routes.ts';
import { pageView } from './views.ts';

/** `GET /people/{id}/shifts` without `to`: this long after `from`. */
const DEFAULT_SHIFTS_RANGE_MS = 30 * DAY_MS;
const END_OF_9999 = Date.UTC(10_000, 0, 1) - 1;

type PeopleRoute = Extract<RouteKey, `${string} /people${string}`>;

export const PEOPLE_OPERATIONS: Record<PeopleRoute, Operation> = {
  'GET /people': async (request, deps) => {
    const query = validate(schemas.peopleListQuery(), request.query, 'query');
    return { status: 200, body: pageView(await directoryOf(deps).listPeople(query), personView) };
  },

  'POST /people': async (request, deps) => {
    const input = validate(schemas.newPersonBody(), request.body);
    const { person } = applyPersonInput(undefined, input);
    const stored = await directoryOf(deps).putPerson(person, { mustBeNew: true }, deps.now());
    return remembered(request, deps, { status: 201, body: personView(stored) });
  },

  'GET /people/{id}': async (request, deps) => ({ status: 200, body: personView(await personOf(request, deps)) }),

  'PUT /people/{id}': async (request, deps) => {
    const { version, ...input } = validate(schemas.personBody(), request.body);
    const existing = await personOf(request, deps);
    if (input.id !== existing.id) {
      throw new DomainError('validation_failed', 'a person keeps their id', [
        { path: 'id', message: `must be "${existing.id}", as in the path` },
      ]);
    }
    if (version !== existing.version) throw staleVersion(existing);
    const { person } = applyPersonInput(existing, input);
    const stored = await directoryOf(deps).putPerson(person, { expectedVersion: version }, deps.now());
    return { status: 200, body: personView(stored) };
  },

  'DELETE /people/{id}': async (request, deps) => {
    const directory = directoryOf(deps);
    const person = await personOf(request, deps);
    const now = deps.now();
    const naming = (await directory.listSchedules()).filter(({ schedule }) => {
      const rotations = [...(schedule.rotation === undefined ? [] : [schedule.rotation]), ...(schedule.layers ?? [])];
      if (rotations.some((rotation) => rotation.participants.includes(person.id))) return true;
      return schedule.overrides.some(
        (o) => o.end > now && (o.kind === 'add' ? o.person === person.id : o.from === person.id || o.to === person.id),
      );
    });
    if (naming.length > 0) {
      const roles = naming.map(({ schedule }) => schedule.role).join(', ');
      throw new DomainError('conflict', `${person.id} is on the rotation or a coming override of ${roles}: take them off first`);
    }
    if (!(await directory.deletePerson(person.id, person.version))) throw new DomainError('not_found', `no person ${person.id}`);
    return { status: 204, body: undefined };
  },

  'POST /people/{id}/sms/{number}/verification': async (request, deps) => {
    const { directory, sms, verificationKey } = await verificationDeps(deps);
    const { person, number } = await ownNumberOf(request, deps);
    const now = deps.now();
    const earlier = await directory.getVerification(person.id, number);
    const next = newVerification({ number, randomBytes, now, key: verificationKey, earlier });
    if ('refused' in next) {
      const { reason, until } = next.refused;
      const retryAfter = Math.ceil((until - now) / 1000);
      if (reason === 'interval') throw new RateLimited(`a code was texted to ${number} less than a minute ago`, retryAfter);
      throw new RateLimited(`${VERIFICATION.perDay} codes were texted to ${number} in the last day: try again later`, retryAfter);
    }
    // Of two requests at once, the one whose write comes second texts nothing.
    if (!(await directory.replaceVerification(person.id, next.pending, earlier))) {
      throw new RateLimited(`a code was texted to ${number} just now`, VERIFICATION.intervalMs / 1000);
    }
    await sms.send(number, `Your sla-escalator code is ${next.code}`);
    return remembered(request, deps, { status: 202, body: { number, expiresAt: formatInstant(next.pending.expiresAt) } });
  },

  'POST /people/{id}/sms/{number}/verify': async (request, deps) => {
    const { directory, verificationKey } = await verificationDeps(deps);
    const { code } = validate(schemas.verifyBody(), request.body);
    const { person, number } = await ownNumberOf(request, deps);
    const now = deps.now();
    // The try is counted before the code is compared, in one write: parallel guesses cannot share one.
    const pending = await directory.takeVerificationTry(person.id, number, now);
    if (pending === undefined) throw codeProblem(`no code is waiting for ${number}: ask for one first`);
    const check = checkVerification(pending, code, now, verificationKey);
    switch (check.outcome) {
      case 'wrong':
        throw codeProblem(
          check.pending.attemptsLeft > 0
            ? `wrong code: ${check.pending.attemptsLeft} attempts left`
            : 'wrong code, and that was the last attempt: ask for a new code',
        );
      case 'expired':
        throw codeProblem('the code expired: ask for a new one');
      case 'locked':
        throw codeProblem('too many wrong codes: ask for a new one');
      case 'verified':
        await directory.recordSmsEvent(number, 'verified', now);
        await directory.deleteVerification(person.id, number, pending.hash);
        return remembered(request, deps, { status: 200, body: personView(await personOf(request, deps)) });
    }
  },

  'GET /people/{id}/shifts': async (request, deps) => {
    const person = await personOf(request, deps);
    const query = validate(schemas.shiftsQuery(), request.query, 'query');
    const now = deps.now();
    const from = query.from ?? now;
    // Instants in and out are four-digit years, so a default range stops at the end of 9999.
    const to = query.to ?? Math.min(from + DEFAULT_SHIFTS_RANGE_MS, END_OF_9999);
    if (to <= from) throw rangeProblem('must be after from');
    if (to - from > MAX_SHIFTS_RANGE_MS) throw rangeProblem('at most 366 days after from');
    // Without `from`, the shift under way is shown from its real start (looking back as far as
    // ahead), so a subscribed calendar sees the same event, and UID, on every fetch.
    const lookFrom = query.from ?? Math.max(from - DEFAULT_SHIFTS_RANGE_MS, to - MAX_SHIFTS_RANGE_MS);
    const shifts: Shift[] = (await directoryOf(deps).listSchedules())
      .flatMap(({ schedule }) => shiftsOf(schedule, person.id, lookFrom, to))
      .filter((shift) => shift.end > from)
      .sort((a, b) => a.start - b.start || a.role.localeCompare(b.role));
    if (prefersCalendar(request.accept)) {
      return {
        status: 200,
        body: undefined,
        text: { contentType: 'text/calendar; charset=utf-8', body: icalOf(person, shifts, { stamp: now }) },
      };
    }
    return { status: 200, body: { items: shifts.map(shiftView) } };
  },
};

/** Whether `Accept` ranks `text/calendar` above JSON (a tie, or `*\/*` alone, is JSON). */
export function prefersCalendar(accept: string | undefined): boolean {
  return prefersOverJson(accept, 'text/calendar');
}

export function directoryOf(deps: ApiDeps): Directory {
  if (deps.directory === undefined) throw new Error('the API was started without a staff directory');
  return deps.directory;
}

async function verificationDeps(deps: ApiDeps): Promise<{ directory: Directory; sms: SmsSender; verificationKey: Uint8Array }> {
  if (deps.sms === undefined || deps.oncallKeys === undefined) throw new Error('the API was started without an SMS sender or keys');
  return { directory: directoryOf(deps), sms: deps.sms, verificationKey: (await deps.oncallKeys()).verificationKey };
}

/** The person of the path; a malformed id is a 400 naming `id`. */
export async function personOf(request: ApiRequest, deps: ApiDeps): Promise<StoredPerson> {
  const { id } = validate(schemas.personPath(), request.params, 'path');
  const person = await directoryOf(deps).getPerson(id);
  if (person === undefined) throw new DomainError('not_found', `no person ${id}`);
  return person;
}

/** The person of the path and one of their numbers (E.164, URL-encoded in the path). */
async function numberOf(request: ApiRequest, deps: ApiDeps): Promise<{ person: StoredPerson; number: string }> {
  const { number } = validate(schemas.numberPath(), request.params, 'path');
  const person = await personOf(request, deps);
  const contact = person.sms.find((c) => c.number === number);
  if (contact === undefined) throw new DomainError('not_found', `${person.id} has no number ${number}`);
  if (contact.state === 'opted-out') throw new DomainError('conflict', `${number} opted out (replied STOP): it must text START first`);
  return { person, number };
}

/**
 * `numberOf`, for proving the number: only its holder (the signed-in user's e-mail is the
 * person's) or an admin may have codes texted to it and enter them, so nobody else can text a
 * colleague's phone or guess at its codes.
 */
async function ownNumberOf(request: ApiRequest, deps: ApiDeps): Promise<{ person: StoredPerson; number: string }> {
  const caller = signedIn(request);
  const found = await numberOf(request, deps);
  const own = caller.email !== undefined && caller.email.toLowerCase() === found.person.email.toLowerCase();
  if (caller.role !== 'admin' && !own) {
    throw new DomainError(
      'forbidden',
      `only ${found.person.id} (signed in with ${found.person.email}) or an admin may verify their numbers`,
    );
  }
  return found;
}

/** The version sent is not the one stored: read again. */
export function staleVersion(stored: { readonly version: number }): DomainError {
  return new DomainError('version_conflict', `it changed since you read it (now version ${stored.version}): read it again`);
}

const codeProblem = (message: string) =>
  new DomainError('validation_failed', 'the code does not verify the number', [{ path: 'code', message }]);

const rangeProblem = (message: string) => new DomainError('validation_failed', 'the range is not valid', [{ path: 'to', message }]);
