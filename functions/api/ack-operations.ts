/**
 * Acknowledging a page from its signed link, and from the console. The link's token is the
 * capability: `GET /acks/{token}` and `POST /acks/{token}` need no sign-in (access `public`), and
 * a token names one page to one person. A GET only shows the page: mail scanners and link previews
 * follow links, so only the POST (the confirmation page's button) acknowledges.
 */

import { DomainError } from '#shared/domain-error.ts';
import { type AckLink, verifyAckLink } from '#shared/oncall/ack-link.ts';
import type { Directory } from '#shared/oncall/ports.ts';
import type { AcknowledgedEvent } from '#shared/tickets/acknowledge.ts';
import { firstAcknowledgement } from '#shared/tickets/acknowledge.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { acknowledgePage, type PageAck } from '../lib/acknowledge-page.ts';
import { HttpProblem } from '../lib/http/problem.ts';
import { viewFor } from './customer-view.ts';
import { type ApiDeps, type ApiRequest, type Operation, signedIn, validate, withPolicies } from './operation.ts';
import type { RouteKey } from './routes.ts';
import * as schemas from './schemas.ts';

export const ACK_OPERATIONS = {
  'GET /acks/{token}': async (request, deps) => {
    const { link, acks } = await linkOf(request, deps);
    const ticket = await deps.store.getTicket(link.caseId);
    if (ticket === undefined) throw noLink();
    return { status: 200, body: await ackView(ticket, link, acks, firstAcknowledgement(ticket, link.deadlineId)) };
  },

  /** Idempotent: a second POST (or a later one by someone else's link to the same page) answers with the first acknowledgement. */
  'POST /acks/{token}': async (request, deps) => {
    const { link, acks } = await linkOf(request, deps);
    const result = await acknowledgePage(
      deps.store,
      { caseId: link.caseId, deadline: link.deadlineId, by: link.personId },
      'link',
      deps.now,
      deps.policies,
    );
    const { ticket, first } = answered(result, link);
    return { status: 200, body: await ackView(ticket, link, acks, first) };
  },

  /**
   * The console's button: acknowledges as the person whose e-mail is the signed-in user's. An agent
   * only a page that went to them (its step's or a re-page's delivery to that person); an admin any.
   */
  'POST /tickets/{caseId}/acknowledgements': async (request, deps) => {
    const principal = signedIn(request);
    const { deadline } = validate(schemas.acknowledgementBody(), request.body);
    if (!/^\d{1,15}$/.test(request.params.caseId ?? '')) throw new DomainError('not_found', `no case ${request.params.caseId}`);
    const caseId = Number(request.params.caseId);
    const person = principal.email === undefined ? undefined : await personByEmail(await ackDeps(deps), principal.email);
    if (person === undefined) {
      throw new DomainError('validation_failed', 'no person in the directory has your e-mail address', [
        { path: '', message: `no person has the e-mail ${principal.email ?? '(your token has none)'}` },
      ]);
    }
    if (principal.role !== 'admin') await mustHaveBeenPaged(deps, caseId, deadline, person);
    const result = await acknowledgePage(deps.store, { caseId, deadline, by: person }, 'console', deps.now, deps.policies);
    const { ticket } = answered(result, { caseId, deadlineId: deadline });
    await withPolicies(deps, [ticket]);
    return { status: 200, body: viewFor(principal, ticket, deps.now()) };
  },
} satisfies Partial<Record<RouteKey, Operation>>;

interface AckDeps {
  readonly directory: Directory;
  readonly ackLinkKeys: readonly Uint8Array[];
}

async function ackDeps(deps: ApiDeps): Promise<AckDeps> {
  if (deps.directory === undefined || deps.oncallKeys === undefined)
    throw new Error('the ack routes need the directory and the ack-link keys');
  return { directory: deps.directory, ackLinkKeys: (await deps.oncallKeys()).ackLinkKeys };
}

/** The link a path's token stands for: 404 for a token we did not sign, 410 once it has expired. */
async function linkOf(request: ApiRequest, deps: ApiDeps): Promise<{ link: AckLink; acks: AckDeps }> {
  const acks = await ackDeps(deps);
  const check = verifyAckLink(request.params.token ?? '', acks.ackLinkKeys, deps.now());
  if (check.ok) return { link: check.link, acks };
  if (check.reason === 'expired')
    throw new HttpProblem(410, 'this acknowledgement link has expired; acknowledge in the console or by SMS reply');
  throw noLink();
}

const noLink = () => new DomainError('not_found', 'no such acknowledgement link');

/** The ticket and the page's first acknowledgement; a page acknowledged before its ticket was resolved still answers with it. */
function answered(result: PageAck, page: Pick<AckLink, 'caseId' | 'deadlineId'>): { ticket: Ticket; first?: AcknowledgedEvent } {
  if (result.kind === 'no-ticket') throw new DomainError('not_found', `no case ${page.caseId}`);
  if (result.kind !== 'closed') return result;
  const first = firstAcknowledgement(result.ticket, page.deadlineId);
  if (first !== undefined) return { ticket: result.ticket, first };
  throw new DomainError('conflict', `case ${page.caseId} is ${result.ticket.status}: there is no page to acknowledge`);
}

async function ackView(ticket: Ticket, link: AckLink, acks: AckDeps, first: AcknowledgedEvent | undefined) {
  const person = await acks.directory.getPerson(link.personId);
  return {
    caseId: ticket.caseId,
    subject: ticket.subject,
    severity: ticket.severity,
    deadline: link.deadlineId,
    person: { id: link.personId, name: person?.name ?? link.personId },
    expiresAt: formatInstant(link.expiresAt),
    ...(first !== undefined && { acknowledged: { by: first.by, at: formatInstant(first.at), via: first.via } }),
  };
}

/** The id of the person with this e-mail (the directory has tens of people: read a page at a time). */
async function personByEmail(acks: AckDeps, email: string): Promise<string | undefined> {
  const wanted = email.toLowerCase();
  let cursor: string | undefined;
  do {
    const page = await acks.directory.listPeople({ cursor, limit: 100 });
    const found = page.items.find((p) => p.email.toLowerCase() === wanted);
    if (found !== undefined) return found.id;
    cursor = page.cursor;
  } while (cursor !== undefined);
  return undefined;
}

/**
 * Refuses (403) an agent's acknowledgement of a page that was not sent to them: the page's step
 * or one of its re-pages must have a delivery to the person on the timeline (a skipped number is
 * no delivery). Unknown cases and deadlines are left to `acknowledgePage` (404).
 */
async function mustHaveBeenPaged(deps: ApiDeps, caseId: number, deadlineId: string, person: string): Promise<void> {
  const found = await deps.store.getTicketWithTimeline(caseId);
  const deadline = found?.ticket.deadlines.find((d) => d.id === deadlineId);
  if (found === undefined || deadline === undefined) return;
  const step = deadline.repageOf ?? deadline.id;
  const pages = new Set(found.ticket.deadlines.filter((d) => (d.repageOf ?? d.id) === step).map((d) => d.id));
  const paged = found.timeline.some(
    ({ type, detail }) =>
      type === 'notified' && detail?.person === person && detail.skipped === undefined && pages.has(detail.deadline ?? ''),
  );
  if (!paged) {
    throw new DomainError(
      'forbidden',
      `${deadlineId} of case ${caseId} did not page you (${person}): only the people it paged, or an admin, may acknowledge it`,
    );
  }
}
