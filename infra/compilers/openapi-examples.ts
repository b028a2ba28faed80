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
  timeMinutes: 0,
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

const webhook = {
  id: 'wh_3q2-7wLkRM6bQ1xU9a0ZcA',
  scope: 'org',
  org: 'acme-kore',
  url: 'https://hooks.acme.example/sla',
  events: ['ticket.created', 'deadline.breached'],
  description: 'Our incident bot',
  state: 'active',
  contact: 'ops@acme.example',
  secrets: [{ createdAt: '2026-03-02T14:00:00.000Z' }],
  health: {},
  createdBy: 'customer@acme-kore',
  createdAt: '2026-03-02T14:00:00.000Z',
  updatedAt: '2026-03-02T14:00:00.000Z',
};

const delivery = {
  eventId: 'evt_1042_v1_created',
  eventType: 'ticket.created',
  caseId: 1042,
  state: 'failed',
  attempts: [
    { at: '2026-03-02T14:00:01.000Z', ms: 10_000, error: 'timed out after 10 s' },
    { at: '2026-03-02T14:00:31.000Z', ms: 84, status: 503 },
  ],
  nextAttemptAt: null,
  createdAt: '2026-03-02T14:00:00.000Z',
};

const personInput = {
  id: 'ana-lima',
  name: 'Ana Lima',
  zone: 'Europe/Berlin',
  email: 'ana.lima@staff.example',
  agent: true,
  sms: [{ number: '+4915112345678' }],
};
const person = {
  ...personInput,
  sms: [{ number: '+4915112345678', state: 'verified', verifiedAt: '2026-03-01T09:05:00.000Z' }],
  version: 2,
  updatedAt: '2026-03-01T09:05:00.000Z',
};
const rotation = {
  participants: ['ana-lima', 'ben-ode'],
  shift: { length: 1, unit: 'weeks' },
  handoff: '2026-03-02T08:00:00.000Z',
  zone: 'Europe/Berlin',
};
const override = {
  id: 'ana-dentist',
  start: '2026-03-04T08:00:00.000Z',
  end: '2026-03-04T12:00:00.000Z',
  kind: 'replace',
  from: 'ana-lima',
  to: 'ben-ode',
};

const tierReview = {
  policy: 'tiered',
  quarter: '2027-Q2',
  currency: 'EUR',
  moves: [
    {
      org: 'globex',
      from: 'gold',
      to: 'platinum',
      moved: true,
      turnover: 3_150_000,
      turnoverText: '31500.00',
      reason: 'turnover 31500.00 EUR reaches the platinum threshold of 30000.00 EUR',
      start: '2027-03-31T22:00:00.000Z',
    },
  ],
  missing: [{ org: 'initech', tier: 'basic' }],
  dryRun: false,
  revision: 1,
  state: 'applied',
  by: 'admin@example.com',
  at: '2027-04-01T07:30:00.000Z',
  appliedAt: '2027-04-01T07:30:01.000Z',
  replaced: [],
};

const timeEntry = {
  entry: '1042-001',
  minutes: 90,
  billable: true,
  at: '2026-03-02T15:30:00.000Z',
  note: 'Traced the 503s to the gateway pool',
  rev: 1,
  by: 'agent-1',
  recordedAt: '2026-03-02T17:00:00.000Z',
  tier: 'gold',
};

/** The `tiered` preset's gold tier after 5 h in January 2027: 4 h included, 1 h overage at 75 EUR/h. */
const usageStatement = {
  org: 'acme-tiered',
  period: '2027-01',
  start: '2026-12-31T23:00:00.000Z',
  end: '2027-01-31T23:00:00.000Z',
  zone: 'Europe/Berlin',
  status: 'closed',
  tier: 'gold',
  currency: 'EUR',
  includedMinutes: 240,
  carriedInMinutes: 0,
  usedMinutes: 300,
  paidMinutes: 0,
  coveredMinutes: 0,
  nonBillableMinutes: 0,
  overageMinutes: 60,
  billedOverageMinutes: 60,
  carriedOutMinutes: 0,
  lines: [
    {
      kind: 'overage',
      description: 'Support beyond the 4 h included (gold), 2027-01',
      quantity: 1,
      unit: 'h',
      unitPrice: 7500,
      amount: 7500,
      currency: 'EUR',
      minutes: 60,
    },
  ],
  total: 7500,
  alerts: { at80: true, at100: true },
};

export const REQUEST_EXAMPLES: Readonly<Record<string, unknown>> = {
  createOrg: { ...org, emailDomains: ['acme.example'], contacts: ['support-contract@acme.example'] },
  putOrg: { name: org.name, policy: org.policy, tier: org.tier, region: org.region },
  createTicket: { subject: 'API down', description: 'Every call answers 503.', severity: 'urgent' },
  addMessage: { body: 'We restarted the gateway; calls answer again.', public: true },
  updateTicket: { status: 'resolved' },
  escalateTicket: { reason: 'Still down after an hour' },
  planTicket: { severity: 'urgent', tier: 'diamond', region: 'us', at: '2026-03-02T14:00:00Z' },
  createWebhook: { url: webhook.url, events: webhook.events, description: webhook.description, contact: webhook.contact },
  updateWebhook: { state: 'paused' },
  createPerson: personInput,
  putPerson: { ...personInput, version: 2 },
  verifyNumber: { code: '123456' },
  putRotation: { rotation, version: 0 },
  addOverride: override,
  runTierReview: {
    policy: 'tiered',
    quarter: '2027-Q2',
    dryRun: true,
    turnover: [{ org: 'globex', amount: 3_150_000 }],
  },
  logTime: { minutes: 90, note: 'Traced the 503s to the gateway pool', at: '2026-03-02T15:30:00Z' },
  correctTime: { minutes: 60 },
};

export const RESPONSE_EXAMPLES: Readonly<Record<string, unknown>> = {
  Ticket: ticket,
  TicketList: { items: [summary], cursor: 'eyJjYXNlSWQiOjEwNDJ9' },
  Queue: { policy: 'kore', items: [summary] },
  TimelinePage: { items: ticket.timeline },
  Org: {
    ...org,
    tiers: [{ tier: org.tier, from: '2026-03-01T09:00:00.000Z', source: 'admin' }],
    emailDomains: [],
    contacts: [],
    monthlyReport: false,
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
  },
  TierReview: tierReview,
  TierReviewList: { items: [tierReview] },
  Membership: { sub: 'customer@acme-kore', org: 'acme-kore', updatedAt: '2026-03-01T09:00:00.000Z' },
  PlanPreview: { policy: { id: 'kore', version: 1 }, deadlines: [{ kind: 'response', due: '2026-03-02T14:15:00.000Z' }] },
  Health: { status: 'ok', time: '2026-03-02T14:00:00.000Z' },
  WebhookEndpoint: webhook,
  WebhookEndpointWithSecret: { ...webhook, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw8yUJFP8wRbQ=' },
  WebhookEndpointList: { items: [webhook] },
  WebhookDelivery: delivery,
  WebhookDeliveryList: { items: [delivery], cursor: 'MTc3MjQ2MDAwMDAwMCNldnRfMTA0Ml92MV9jcmVhdGVk' },
  Person: person,
  PersonList: { items: [person] },
  SmsVerification: { number: '+4915112345678', expiresAt: '2026-03-01T09:10:00.000Z' },
  RoleSchedule: { role: 'manager', rotation, overrides: [override], version: 3 },
  RoleList: {
    items: [
      {
        role: 'manager',
        name: 'Customer Support Manager',
        onCall: [{ id: 'ana-lima', name: 'Ana Lima' }],
        rotation,
        overrides: [],
        version: 3,
      },
    ],
  },
  OnCall: { role: 'manager', at: '2026-03-02T14:00:00.000Z', people: [{ id: 'ana-lima', name: 'Ana Lima' }] },
  ShiftList: { items: [{ role: 'manager', start: '2026-03-02T08:00:00.000Z', end: '2026-03-09T08:00:00.000Z' }] },
  TimeEntry: { ...timeEntry, ticketMinutes: 90 },
  TimeEntryList: { caseId: 1042, entries: [timeEntry], totalMinutes: 90, billableMinutes: 90 },
  UsageStatement: usageStatement,
};

export const PROBLEM_EXAMPLE = (status: number) => ({
  type: `https://sla-escalator.dev/problems/${status}`,
  title: status === 400 ? 'Bad Request' : 'Error',
  status,
  detail: status === 400 ? 'the body is not valid' : 'what went wrong',
  ...(status === 400 && { errors: [{ path: 'subject', message: 'required' }] }),
});
