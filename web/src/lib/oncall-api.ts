/**
 * The on-call and people routes the pages call, through the console's typed API client (its
 * session, retries and problems). One module, so the pages read as what they do.
 */

import type { FieldError } from '#shared/domain-error.ts';
import { ApiProblem, api, ok } from './api.ts';
import type { OverrideView, RotationView } from './oncall-view.ts';
import { icalFileName, icalRange, type PersonBody } from './people-view.ts';

const at = (role: string) => ({ path: { role } });
const of = (id: string) => ({ path: { id } });
const sms = (id: string, number: string) => ({ path: { id, number } });

export const oncallApi = {
  roles: () => ok(api().GET('/roles')),
  saveRotation: (role: string, body: { rotation: RotationView; version: number }) =>
    ok(api().PUT('/roles/{role}/rotation', { params: at(role), body })),
  addOverride: (role: string, body: OverrideView) => ok(api().POST('/roles/{role}/overrides', { params: at(role), body })),
  removeOverride: (role: string, id: string) => ok(api().DELETE('/roles/{role}/overrides/{id}', { params: { path: { role, id } } })),
  onCallAt: (role: string, instant: string) => ok(api().GET('/roles/{role}/oncall', { params: { ...at(role), query: { at: instant } } })),

  people: (cursor: string | undefined) =>
    ok(api().GET('/people', { params: { query: { limit: 100, ...(cursor !== undefined && { cursor }) } } })),
  person: (id: string) => ok(api().GET('/people/{id}', { params: of(id) })),
  createPerson: (body: PersonBody & { id: string }) => ok(api().POST('/people', { body: { ...body, sms: [...body.sms] } })),
  updatePerson: (id: string, body: PersonBody & { id: string; version: number }) =>
    ok(api().PUT('/people/{id}', { params: of(id), body: { ...body, sms: [...body.sms] } })),
  sendCode: (id: string, number: string) => ok(api().POST('/people/{id}/sms/{number}/verification', { params: sms(id, number) })),
  verify: (id: string, number: string, code: string) =>
    ok(api().POST('/people/{id}/sms/{number}/verify', { params: sms(id, number), body: { code } })),
  /** The person's shifts as an iCal file (the session's token is needed, so it is fetched, not linked). */
  shiftsIcal: async (id: string, now: number): Promise<{ name: string; text: string }> => {
    const text = await ok(
      api().GET('/people/{id}/shifts', {
        params: { ...of(id), query: icalRange(now) },
        headers: { accept: 'text/calendar' },
        parseAs: 'text',
      }),
    );
    return { name: icalFileName(id), text };
  },
};

/** Sends a form's body, or refuses at once with the fields the browser could not even turn into one. */
export function sendChecked<B, T>(checked: { body: B } | { problems: FieldError[] }, send: (body: B) => Promise<T>): Promise<T> {
  if ('problems' in checked) return Promise.reject(new ApiProblem(422, 'Please correct the fields marked below.', checked.problems));
  return send(checked.body);
}
