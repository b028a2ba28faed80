/**
 * What a deadline's step sends, to whom, in what words. `page` roles get SMS and e-mail (they are
 * engaged); `notify` roles get e-mail. The SMS is one GSM-7 part: our words, then the subject made
 * safe (see `sms-text.ts`).
 */

import type { Policy, RoleId } from '#shared/policy/policy.ts';
import type { Ticket } from '#shared/tickets/ticket.ts';
import { formatInstant } from '#shared/time/instant.ts';
import type { Deadline } from './deadline.ts';
import { composeSms } from './sms-text.ts';

export interface Notice {
  readonly role: RoleId;
  /** `page`: SMS and e-mail; `notice`: e-mail only. */
  readonly delivery: 'page' | 'notice';
  readonly subject: string;
  readonly sms: string;
  readonly email: string;
}

export function noticesFor(ticket: Ticket, deadline: Deadline, policy: Policy): Notice[] {
  const paged = new Set(deadline.page ?? []);
  const roles: Array<[RoleId, Notice['delivery']]> = [
    ...(deadline.page ?? []).map((role): [RoleId, Notice['delivery']] => [role, 'page']),
    ...(deadline.notify ?? []).filter((role) => !paged.has(role)).map((role): [RoleId, Notice['delivery']] => [role, 'notice']),
  ];
  const what = describe(deadline);
  const severity = ticket.severity.toUpperCase();
  const subject = `[#${ticket.caseId}] ${severity} ${what}: ${ticket.subject}`;
  // Case id, severity, org id and the deadline's words are ours (ids are [a-z0-9_-]); only the subject is the customer's.
  const sms = composeSms(`#${ticket.caseId} ${severity} ${ticket.org}: ${what}. `, ticket.subject);
  return roles.map(([role, wanted]) => {
    const spec = policy.spec.roles[role];
    // A role without an SMS channel is told by e-mail even when the step pages it.
    const delivery = wanted === 'page' && !(spec?.channels ?? ['sms']).includes('sms') ? 'notice' : wanted;
    const roleName = spec?.name ?? role;
    const email = [
      `${roleName},`,
      '',
      `Case #${ticket.caseId} (${ticket.org}, ${ticket.severity}, plan ${ticket.sla.tier}) — ${what}.`,
      `Subject: ${ticket.subject}`,
      `Due: ${deadline.due === null ? 'paused' : formatInstant(deadline.due)}`,
      delivery === 'page' ? 'You are paged: please engage now.' : 'For your information.',
      ...(deadline.assign !== undefined
        ? [`The case is now assigned to ${policy.spec.roles[deadline.assign]?.name ?? deadline.assign}.`]
        : []),
      '',
      `Policy ${policy.id} v${policy.version}; deadline ${deadline.id}.`,
    ].join('\n');
    return { role, delivery, subject, sms, email };
  });
}

function describe(deadline: Deadline): string {
  switch (deadline.kind) {
    case 'response':
      return 'response overdue';
    case 'update':
      return 'update overdue';
    case 'resolution':
      return 'resolution overdue';
    case 'escalation':
      if (deadline.trigger !== undefined) return `escalated by ${deadline.trigger}`;
      // A re-page (or the page after the last one) says why the same case pages again.
      if (deadline.repageOf !== undefined) return `escalation level ${deadline.level} not acknowledged`;
      return `escalation level ${deadline.level}`;
  }
}
