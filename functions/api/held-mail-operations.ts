/**
 * Held mail for agents: messages from a customer's domain without a DMARC PASS, listed as
 * unverified. Accepting one makes the ticket or message it would have made (the same Message-ID
 * idempotency as received mail); rejecting one leaves it unattached. Its raw message stays in S3.
 */

import { DomainError } from '#shared/domain-error.ts';
import type { HeldMail, HeldMailOutcome, HeldMailStore } from '#shared/email/held-mail.ts';
import { senderDomain } from '#shared/email/inbound-mail.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { actForOrg, MAIL_SCOPE } from '../inbound-email/act-on-mail.ts';
import { type ApiDeps, type ApiRequest, type Operation, signedIn, validate } from './operation.ts';
import * as schemas from './schemas.ts';
import { pageView } from './views.ts';

/** How much of a held message's text a list shows (the message itself shows all of it). */
const EXCERPT = 300;

export const HELD_MAIL_OPERATIONS = {
  'GET /held-mail': async (request, deps) => {
    const query = validate(schemas.heldMailQuery(), request.query, 'query');
    const page = await heldMailOf(deps).listHeld(query);
    return {
      status: 200,
      body: pageView(page, (held) => heldMailView(held, false)),
    };
  },

  'GET /held-mail/{id}': async (request, deps) => ({ status: 200, body: heldMailView(await found(request, deps), true) }),

  'POST /held-mail/{id}/accept': async (request, deps) => {
    let held = await decided(request, deps, 'accepted');
    if (held.status === 'rejected') throw new DomainError('conflict', `held mail ${held.id} was rejected`);
    if (held.outcome === undefined) {
      const outcome = await accepted(held, deps);
      await heldMailOf(deps).recordOutcome(held.id, outcome);
      held = { ...held, outcome };
    }
    return { status: 200, body: heldMailView(held, false) };
  },

  'POST /held-mail/{id}/reject': async (request, deps) => {
    const held = await decided(request, deps, 'rejected');
    if (held.status === 'accepted') throw new DomainError('conflict', `held mail ${held.id} was accepted`);
    return { status: 200, body: heldMailView(held, false) };
  },
} satisfies Record<string, Operation>;

/**
 * The held mail with a decision: this one if it is still held (whoever decides first wins), else
 * the one made before. The decision is written before the work, so a retry after a failure finishes it.
 */
async function decided(request: ApiRequest, deps: ApiDeps, status: 'accepted' | 'rejected'): Promise<HeldMail> {
  const held = await found(request, deps);
  if (held.status !== 'held') return held;
  const decision = { status, by: signedIn(request).sub, at: deps.now() };
  if (await heldMailOf(deps).decide(held.id, decision)) return { ...held, status, decidedBy: decision.by, decidedAt: decision.at };
  return found(request, deps);
}

/** The ticket or message the held mail makes now; if its Message-ID was handled meanwhile, what that made. */
async function accepted(held: HeldMail, deps: ApiDeps): Promise<HeldMailOutcome> {
  const org = await deps.store.orgForEmailDomain(senderDomain(held.from));
  if (org === undefined || org.id !== held.org)
    throw new DomainError('conflict', `${senderDomain(held.from)} no longer belongs to the organisation "${held.org}"`);
  const scope = { ...MAIL_SCOPE, key: held.scopeKey };
  const handled = async () => (await deps.store.getIdempotentResponse(scope))?.body as { kind?: string; caseId?: number } | undefined;
  let made: { kind?: string; caseId?: number } | undefined = await handled();
  if (made === undefined) {
    made = await actForOrg(held, org, deps, async () => held.attachments);
    // Made at the same moment by another delivery of the same message: what it made.
    if (made.kind === 'duplicate') made = await handled();
  }
  if ((made?.kind !== 'ticket' && made?.kind !== 'message') || made.caseId === undefined)
    throw new DomainError('conflict', `the same message (${held.scopeKey}) was already handled otherwise (${made?.kind ?? 'in progress'})`);
  return { kind: made.kind, caseId: made.caseId };
}

function heldMailView(held: HeldMail, whole: boolean) {
  return {
    id: held.id,
    status: held.status,
    /** Not proven to come from the sender's domain: it acts for the organisation only once accepted. */
    unverified: true,
    reason: held.reason,
    receivedAt: formatInstant(held.receivedAt),
    from: held.from,
    org: held.org,
    ...(held.caseId !== undefined && { caseId: held.caseId }),
    subject: held.subject,
    ...(whole ? { text: held.text } : { excerpt: held.text.slice(0, EXCERPT) }),
    ...(held.attachments.length > 0 && {
      attachments: held.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    }),
    ...(held.skipped.length > 0 && { skippedAttachments: held.skipped }),
    rawMail: { key: held.rawKey, size: held.rawBytes },
    ...(held.decidedBy !== undefined && { decidedBy: held.decidedBy }),
    ...(held.decidedAt !== undefined && { decidedAt: formatInstant(held.decidedAt) }),
    ...(held.outcome !== undefined && { outcome: held.outcome }),
  };
}

async function found(request: ApiRequest, deps: ApiDeps): Promise<HeldMail> {
  const id = request.params.id ?? '';
  const held = await heldMailOf(deps).getHeld(id);
  if (held === undefined) throw new DomainError('not_found', `no held mail ${id}`);
  return held;
}

function heldMailOf(deps: ApiDeps): HeldMailStore {
  if (deps.heldMail === undefined) throw new Error('the API was started without a held-mail store');
  return deps.heldMail;
}
