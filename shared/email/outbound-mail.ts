/** What we write to requesters: acknowledgements, agents' public messages, and the reply to unknown senders. */

import type { Policy } from '#shared/policy/policy.ts';
import { missingFields } from '#shared/tickets/new-ticket.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import { formatDuration } from '#shared/time/duration.ts';
import { formatInstant } from '#shared/time/instant.ts';
import type { OutboundMail } from './ports.ts';
import { caseSubject, caseThreadId } from './threading.ts';

export function acknowledgement(ticket: Ticket, policy: Policy, domain: string): OutboundMail | undefined {
  if (ticket.requesterEmail === undefined) return undefined;
  const targets = policy.targets(ticket.severity, ticket.sla.tier, ticket.sla.region);
  const response = ticket.deadlines.find((d) => d.kind === 'response');
  const promise =
    targets === undefined || response?.due === null || response === undefined
      ? `Your plan (${ticket.sla.tier}) has no response time; we will answer as soon as we can.`
      : `We will respond within ${formatDuration(targets.response)} ${targets.clock.calendarName === '24x7' ? 'around the clock' : `of business time (${targets.clock.calendarName}, ${targets.clock.calendar.zoneName})`}, that is by ${formatInstant(response.due)}.`;
  const missing = missingFields(ticket, policy);
  const advice = channelAdvice(ticket, policy);
  return {
    to: ticket.requesterEmail,
    subject: caseSubject(ticket.caseId, `Your request: ${ticket.subject}`),
    references: [caseThreadId(ticket.caseId, domain)],
    caseId: ticket.caseId,
    automatic: true,
    text: [
      `Thank you, we have opened case #${ticket.caseId} (severity ${ticket.severity}).`,
      promise,
      ...(missing.length > 0 ? ['', `To help us, please reply with: ${missing.join(', ')}.`] : []),
      '',
      `Reply to this e-mail to add to the case; keep [#${ticket.caseId}] in the subject.`,
      ...(advice.length > 0 ? ['', ...advice] : []),
    ].join('\n'),
  };
}

const NEW_CASES_THROUGH = { portal: 'through our support portal', phone: 'by phone' } as const;

/**
 * What the policy says about a case opened by e-mail: the channel it prefers for new cases
 * (`preferredChannel`), and that e-mail is for updating and following a case once it is open
 * (`emailUpdatesOnly`). Such a case is opened all the same: a request is never lost to a rule of form.
 */
function channelAdvice(ticket: Ticket, policy: Policy): string[] {
  const tickets = policy.spec.tickets;
  if (ticket.channel !== 'email') return [];
  const preferred = tickets?.preferredChannel;
  return [
    ...(preferred !== undefined && preferred !== 'email'
      ? [`Next time, please open new cases ${NEW_CASES_THROUGH[preferred]}: it is the channel we prefer.`]
      : []),
    ...(tickets?.emailUpdatesOnly === true
      ? ['E-mail is for updating and following a case once it is open; this one we have opened for you all the same.']
      : []),
  ];
}

export function agentMessage(ticket: Ticket, body: string, domain: string): OutboundMail | undefined {
  if (ticket.requesterEmail === undefined) return undefined;
  const thread = caseThreadId(ticket.caseId, domain);
  return {
    to: ticket.requesterEmail,
    subject: caseSubject(ticket.caseId, ticket.subject),
    inReplyTo: thread,
    references: [thread],
    caseId: ticket.caseId,
    text: body,
  };
}

/**
 * A polite answer to a sender whose domain belongs to no customer organisation, threaded to their
 * mail when it has a Message-ID. It never repeats their subject or text: whoever forged the
 * sender would otherwise have us deliver their words, from our domain, to someone else.
 */
export function unknownSenderReply(to: string, inReplyTo: string | undefined): OutboundMail {
  return {
    to,
    subject: 'Your e-mail to our support',
    inReplyTo,
    references: inReplyTo === undefined ? [] : [inReplyTo],
    automatic: true,
    text: [
      'Thank you for writing to us.',
      `We could not match ${to} to a customer account, so no case was opened.`,
      'If your organisation has a support plan, ask its administrator to add your e-mail domain,',
      'or open the request through the support portal.',
    ].join('\n'),
  };
}
