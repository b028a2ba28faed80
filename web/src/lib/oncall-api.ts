/**
 * The on-call and people routes the pages call, through the console's API client (its session,
 * retries and problems), each answer in the view's types.
 */

import type { FieldError } from '#shared/domain-error.ts';
import { ApiProblem, api, ok } from './api.ts';
import type { OverrideView, PersonRef, RoleScheduleView, RoleSummary, RotationBody } from './oncall-view.ts';
import { icalFileName, icalRange, type PersonBody, type PersonView } from './people-view.ts';

interface Init {
  readonly params?: { readonly path?: Record<string, string>; readonly query?: Record<string, string> };
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly parseAs?: 'text';
}
type Call = (path: string, init?: Init) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** The client, with paths the generated document does not list yet read as plain strings. */
const client = () => api() as unknown as { GET: Call; POST: Call; PUT: Call; DELETE: Call };

const at = (role: string) => ({ path: { role } });
const of = (id: string) => ({ path: { id } });

export const oncallApi = {
  roles: () => ok(client().GET('/roles')) as Promise<{ items: RoleSummary[] }>,
  schedule: (role: string) => ok(client().GET('/roles/{role}/rotation', { params: at(role) })) as Promise<RoleScheduleView>,
  saveRotation: (role: string, body: RotationBody) =>
    ok(client().PUT('/roles/{role}/rotation', { params: at(role), body })) as Promise<RoleScheduleView>,
  addOverride: (role: string, body: OverrideView) =>
    ok(client().POST('/roles/{role}/overrides', { params: at(role), body })) as Promise<RoleScheduleView>,
  removeOverride: (role: string, id: string) =>
    ok(client().DELETE('/roles/{role}/overrides/{id}', { params: { path: { role, id } } })) as Promise<unknown>,
  onCallAt: (role: string, instant: string) =>
    ok(client().GET('/roles/{role}/oncall', { params: { ...at(role), query: { at: instant } } })) as Promise<{
      role: string;
      at: string;
      people: PersonRef[];
    }>,

  people: (cursor: string | undefined) =>
    ok(client().GET('/people', { params: { query: { limit: '100', ...(cursor !== undefined && { cursor }) } } })) as Promise<{
      items: PersonView[];
      cursor?: string;
    }>,
  person: (id: string) => ok(client().GET('/people/{id}', { params: of(id) })) as Promise<PersonView>,
  createPerson: (body: PersonBody & { id: string }) => ok(client().POST('/people', { body })) as Promise<PersonView>,
  updatePerson: (id: string, body: PersonBody & { version: number }) =>
    ok(client().PUT('/people/{id}', { params: of(id), body })) as Promise<PersonView>,
  sendCode: (id: string, number: string) =>
    ok(client().POST('/people/{id}/sms/{number}/verification', { params: { path: { id, number } } })) as Promise<{
      number: string;
      expiresAt: string;
    }>,
  verify: (id: string, number: string, code: string) =>
    ok(client().POST('/people/{id}/sms/{number}/verify', { params: { path: { id, number } }, body: { code } })) as Promise<PersonView>,
  /** The person's shifts as an iCal file (the signed-in user's token is needed, so it is fetched, not linked). */
  shiftsIcal: async (id: string, now: number): Promise<{ name: string; text: string }> => {
    const text = (await ok(
      client().GET('/people/{id}/shifts', {
        params: { ...of(id), query: icalRange(now) },
        headers: { accept: 'text/calendar' },
        parseAs: 'text',
      }),
    )) as string;
    return { name: icalFileName(id), text };
  },
};

/** Sends a form's body, or refuses at once with the fields the browser could not even turn into one. */
export function sendChecked<B, T>(checked: { body: B } | { problems: FieldError[] }, send: (body: B) => Promise<T>): Promise<T> {
  if ('problems' in checked) return Promise.reject(new ApiProblem(422, 'Please correct the fields marked below.', checked.problems));
  return send(checked.body);
}
