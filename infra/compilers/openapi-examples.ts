/**
 * Examples for the OpenAPI document: request bodies by operation, response bodies by component.
 * Redocly's lint checks each against its schema (`no-invalid-media-type-examples`).
 */

const ticket = {
  caseId: 1042,
  org: 'acme-kore',
  status: 'open',
  subject: 'API down',
  description: 'Every call answers 503.',
  fields: {},
  severity: 'urgent',
  tier: 'diamond',
  region: 'us',
  policy: { id: 'kore', version: 1 },
  channel: 'api',
  createdAt: '2026-03-02T14:00:00.000Z',
  updatedAt: '2026-03-02T14:00:00.000Z',
  deadlines: [{ id: 'response-1', kind: 'response', due: '2026-03-02T14:15:00.000Z', state: 'pending' }],
  timeline: [{ seq: 1, at: '2026-03-02T14:00:00.000Z', type: 'created', actor: { kind: 'customer', id: 'customer@acme-kore' } }],
};

const summary = {
  caseId: 1042,
  org: 'acme-kore',
  status: 'open',
  subject: 'API down',
  severity: 'urgent',
  tier: 'diamond',
  region: 'us',
  policy: { id: 'kore', version: 1 },
  channel: 'api',
  nextDue: '2026-03-02T14:15:00.000Z',
  createdAt: '2026-03-02T14:00:00.000Z',
  updatedAt: '2026-03-02T14:00:00.000Z',
};

const org = { id: 'acme-kore', name: 'ACME (KORE)', policy: 'kore', tier: 'diamond', region: 'us' };

export const REQUEST_EXAMPLES: Readonly<Record<string, unknown>> = {
  createOrg: { ...org, emailDomains: ['acme.example'] },
  putOrg: { name: org.name, policy: org.policy, tier: org.tier, region: org.region },
  createTicket: { subject: 'API down', description: 'Every call answers 503.', severity: 'urgent' },
  addMessage: { body: 'We restarted the gateway; calls answer again.', public: true },
  updateTicket: { status: 'resolved' },
  escalateTicket: { reason: 'Still down after an hour' },
  planTicket: { severity: 'urgent', tier: 'diamond', region: 'us', at: '2026-03-02T14:00:00Z' },
};

export const RESPONSE_EXAMPLES: Readonly<Record<string, unknown>> = {
  Ticket: ticket,
  TicketList: { items: [summary], cursor: 'eyJjYXNlSWQiOjEwNDJ9' },
  Queue: { policy: 'kore', items: [summary] },
  TimelinePage: { items: ticket.timeline },
  Org: { ...org, emailDomains: [], createdAt: '2026-03-01T09:00:00.000Z', updatedAt: '2026-03-01T09:00:00.000Z' },
  Membership: { sub: 'customer@acme-kore', org: 'acme-kore', updatedAt: '2026-03-01T09:00:00.000Z' },
  PlanPreview: { policy: { id: 'kore', version: 1 }, deadlines: [{ kind: 'response', due: '2026-03-02T14:15:00.000Z' }] },
  Health: { status: 'ok', time: '2026-03-02T14:00:00.000Z' },
};

export const PROBLEM_EXAMPLE = (status: number) => ({
  type: `https://sla-escalator.dev/problems/${status}`,
  title: status === 400 ? 'Bad Request' : 'Error',
  status,
  detail: status === 400 ? 'the body is not valid' : 'what went wrong',
  ...(status === 400 && { errors: [{ path: 'subject', message: 'required' }] }),
});
