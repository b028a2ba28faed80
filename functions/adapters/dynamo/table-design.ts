/**
 * The single DynamoDB table: its key schema, its indexes and every key string, built only here.
 * The CDK table and the local stack's table are both created from `TABLE_DESIGN`.
 *
 * Access patterns
 * | pattern                                   | key                                                   |
 * |-------------------------------------------|-------------------------------------------------------|
 * | organisation by id                        | PK `ORG#<id>`            SK `ORG`                      |
 * | every organisation, by id (admins)         | GSI `byOrg`:   GSI1PK `ORGS`      GSI1SK `<id>`        |
 * | organisation by e-mail domain             | PK `DOMAIN#<domain>`     SK `DOMAIN`  (→ org id)       |
 * | ticket with its timeline (one Query)      | PK `TICKET#<caseId>`     SK `TICKET` / `EVENT#<seq>`   |
 * |   (the opening entries sit in the ticket item, so a create is one conditional PutItem)    |
 * | next case id (atomic counter, ADD issued 1) | PK `COUNTER`           SK `CASE_ID`                  |
 * | a page/e-mail sent for a deadline         | PK `TICKET#<caseId>`     SK `DELIVERY#<deadline>#<recipient>` (a role, or `@person#channel…`) |
 * | idempotency record (TTL 24 h)             | PK `IDEMPOTENCY#<sha256(sub, route, key)>`  SK `IDEMPOTENCY` |
 * | an org's tickets, newest first            | GSI `byOrg`:   GSI1PK `ORG#<id>`      GSI1SK `<createdAt>#<caseId>` |
 * | open tickets in a policy's work order     | GSI `queue` (sparse): QPK `QUEUE#<policy>`  QSK per the policy's queueOrder |
 * | all tickets, newest first (agents)        | BatchGet by descending case id from the counter (no index) |
 * | a webhook endpoint                        | PK `WEBHOOK#<id>`        SK `ENDPOINT`                 |
 * | a scope's endpoints, newest first         | GSI `byOrg`:   GSI1PK `WEBHOOKS#org#<id>` or `WEBHOOKS#staff`  GSI1SK `<createdAt>#<id>` |
 * | how many endpoints a scope has            | PK `WEBHOOKS#org#<id>` or `WEBHOOKS#staff`  SK `COUNT` |
 * | one endpoint's deliveries of one ticket   | PK `WEBHOOK#<id>`        SK `WHD#<caseId>#<event id>`  |
 * | an endpoint's delivery log, newest first  | GSI `byOrg`:   GSI1PK `WEBHOOK_LOG#<id>`  GSI1SK `<createdAt>#<event id>` |
 * | an endpoint's attempt slots (leases)      | PK `WEBHOOK#<id>`        SK `SLOT#<n>`                 |
 * | a delivery queue that needs the sender    | PK `WEBHOOK#<id>`        SK `WHQ#<caseId>`, and in   |
 * |   (by when: the sweeper's look-up)        | GSI `due`: DPK `WHDUE#<case id % DUE_SHARDS>`  DSK `<when>#<endpoint>#<caseId>` |
 * | a person (staff directory)                | PK `PERSON#<id>`         SK `PERSON`                   |
 * | everyone, by id                           | GSI `byOrg`:   GSI1PK `PEOPLE`    GSI1SK `<id>`        |
 * | who holds an SMS number (one person)      | PK `PHONE#<e164>`        SK `PHONE`  (→ person id)     |
 * | a code texted to a person's number (TTL)  | PK `PERSON#<id>`         SK `VERIFY#<e164>`            |
 * | a role's rotation and overrides           | PK `SCHEDULE#<role>`     SK `SCHEDULE`, and in GSI `byOrg`: GSI1PK `SCHEDULES` GSI1SK `<role>` |
 * | a number's live reply codes (TTL)         | PK `PHONE#<e164>`        SK `CODE#<nn>`                |
 * | a number's SMS throttle (sent, held)      | PK `PHONE#<e164>`        SK `THROTTLE`                 |
 * | an inbound SMS handled (TTL 7 d)          | PK `SMS_IN#<inboundMessageId>`  SK `SMS_IN`            |
 * | a contract e-mail to send (TTL 30 d)      | PK `MAIL#<id>`           SK `MAIL`                     |
 * | a policy's tier review of a quarter       | PK `TIER_REVIEW#<policy>`  SK `Q#<2027-Q2>`           |
 * | a change-management notice                | PK `NOTICE#<id>`         SK `NOTICE`                   |
 * | every notice, by start                    | GSI `byOrg`:   GSI1PK `NOTICES`   GSI1SK `<start>#<id>` |
 * | a copy of a notice per scope it names      | PK `NOTICES_FOR#<ORG#id | REGION#r | ALL>`  SK `NOTICE#<id>` (TTL) |
 * |   (an org's notices: its own, its region's and everyone's partitions) |                       |
 * | a notice's reminder to mail (fan-out)     | PK `NOTICE#<id>`         SK `REMINDER#<start>` (TTL)   |
 *
 * Time entries (one immutable item per revision, see time-entries.ts)
 * | a ticket's time revisions (one Query)      | PK `TICKET#<caseId>`     SK `TIME#<entry>#<rev>`        |
 * | an org's revisions by when they were recorded | GSI `due`: DPK `TIMEREC#<org>`  DSK `<recordedAt>#<entry>#<rev>` |
 *   (the `due` index is the table's index of instants; its other partitions are the sweeper's, read by name.
 *   A statement reads every revision recorded up to its cut-off: carry and adjustments reach back to any period.)
 *
 * Policies (policies.ts: immutable versions, a head per policy, a re-plan's progress)
 * | a policy's head (name, latest version)     | PK `POLICY#<id>`         SK `HEAD`                     |
 * | every policy, by id                        | GSI `byOrg`:   GSI1PK `POLICIES`  GSI1SK `<id>`         |
 * | one version (written once, never changed)  | PK `POLICY#<id>`         SK `V#<000000007>`             |
 * | a policy's versions, newest first          | Query PK `POLICY#<id>`, SK begins_with `V#`, descending |
 * | a version's re-plan of open tickets        | PK `POLICY#<id>`         SK `REPLAN#<000000007>`        |
 * |   (while running, by when it counts as stalled: the sweeper's look-up) | GSI `due`: DPK `REPLANDUE`  DSK `<when>#<id>#<version>` |
 * Clock outcomes (one immutable item per stopped SLA clock, see outcomes.ts and docs/reports.md)
 * | an org's outcomes by when their clock stopped | PK `OUTCOMES#<org>#<UTC month>`  SK `<stoppedAt, 13 digits>#<caseId>#<outcome id>` |
 *   (a month in any zone starts and ends at most 14 h from the UTC month's bounds, so a report
 *   month is a key range over one or two partitions; a report of n months reads n + 1 at most)
 */

import { createHash } from 'node:crypto';

export const TABLE_DESIGN = {
  partitionKey: 'PK',
  sortKey: 'SK',
  ttlAttribute: 'expiresAt',
  indexes: {
    byOrg: { partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    queue: { partitionKey: 'QPK', sortKey: 'QSK' },
    /** Sparse: tickets with a pending deadline, by their next due time (the sweeper's look-up). */
    due: { partitionKey: 'DPK', sortKey: 'DSK' },
  },
} as const;

/** The first case id handed out; ids then increase by one per created ticket. */
export const FIRST_CASE_ID = 10_001;

/** The due index is written across this many partitions (by case id), so no one partition takes every ticket write. */
export const DUE_SHARDS = 8;

const PEOPLE_PARTITION = 'PEOPLE';
const SCHEDULES_PARTITION = 'SCHEDULES';
const REPLY_CODE_PREFIX = 'CODE#';
const TIME_PREFIX = 'TIME#';
const POLICY_LIST_PARTITION = 'POLICIES';
/** One partition: running re-plans are few (one per calendar change, for minutes). */
const REPLAN_DUE_PARTITION = 'REPLANDUE';
const POLICY_VERSION_PREFIX = 'V#';

const NOTICE_REMINDER_PREFIX = 'REMINDER#';
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dueSortPrefix = (instant: number) => pad(instant, 13);

export const keys = {
  org: (id: string) => ({ PK: `ORG#${id}`, SK: 'ORG' }),
  /** An organisation's entry in the list of all of them (items written before it have none until their next write). */
  orgListed: (id: string) => ({ GSI1PK: ORG_LIST_PARTITION, GSI1SK: id }),
  orgListPartition: () => ORG_LIST_PARTITION,
  /** Which organisation an e-mail domain belongs to (one at most). */
  emailDomain: (domain: string) => ({ PK: `DOMAIN#${domain}`, SK: 'DOMAIN' }),
  ticket: (caseId: number) => ({ PK: `TICKET#${caseId}`, SK: 'TICKET' }),
  ticketPartition: (caseId: number) => `TICKET#${caseId}`,
  timelineEntry: (caseId: number, seq: number) => ({ PK: `TICKET#${caseId}`, SK: `EVENT#${pad(seq, 6)}` }),
  timelinePrefix: 'EVENT#',
  caseIdCounter: () => ({ PK: 'COUNTER', SK: 'CASE_ID' }),
  /** One per (ticket, deadline, recipient): the page is sent once. A recipient is a role's topic or a person's channel. */
  delivery: (caseId: number, deadlineId: string, recipient: string) => ({
    PK: `TICKET#${caseId}`,
    SK: `DELIVERY#${deadlineId}#${recipient}`,
  }),
  /** Every delivery of one deadline (`#` ends the deadline id, so `escalation.urgent.1` does not take in `….1.r1`). */
  deliveriesOf: (deadlineId: string) => `DELIVERY#${deadlineId}#`,
  /** Hashed, so a long path or key cannot exceed DynamoDB's key size. */
  idempotency: (principal: string, route: string, key: string) => ({
    PK: `IDEMPOTENCY#${createHash('sha256').update(`${principal}\n${route}\n${key}`).digest('base64url')}`,
    SK: 'IDEMPOTENCY',
  }),
  byOrg: (org: string, createdAt: string, caseId: number) => ({ GSI1PK: `ORG#${org}`, GSI1SK: `${createdAt}#${pad(caseId, 12)}` }),
  byOrgPartition: (org: string) => `ORG#${org}`,
  queuePartition: (policyId: string) => `QUEUE#${policyId}`,
  /** Sort key of the work queue: the ranks the policy orders by, then the next due time and the case id. */
  queue: (policyId: string, ranks: readonly number[], nextDue: number | null, caseId: number) => ({
    QPK: `QUEUE#${policyId}`,
    QSK: [...ranks.map((r) => pad(r, 3)), pad(nextDue ?? 9_999_999_999_999, 13), pad(caseId, 12)].join('#'),
  }),
  /** The due index entry of a ticket whose earliest pending deadline falls due at `nextDue`. */
  due: (nextDue: number, caseId: number) => ({ DPK: `DUE#${caseId % DUE_SHARDS}`, DSK: `${dueSortPrefix(nextDue)}#${pad(caseId, 12)}` }),
  /** The leading part of a due index sort key: entries below `dueSortPrefix(t)` fall due before `t`. */
  dueSortPrefix,
  duePartition: (shard: number) => `DUE#${shard}`,
  /** Which organisation a signed-in user belongs to (read by Cognito's pre-token-generation trigger). */
  member: (sub: string) => ({ PK: `MEMBER#${sub}`, SK: 'MEMBER' }),
  /** Mail held for an agent's decision (no DMARC pass): one partition, newest last. */
  heldMail: (receivedAt: string, id: string) => ({ PK: 'HELD_MAIL', SK: `${receivedAt}#${id}` }),
  heldMailPartition: 'HELD_MAIL',
  /** At most one courtesy reply per sender address per UTC day (TTL'd). */
  courtesyReply: (address: string, day: string) => ({
    PK: `COURTESY#${createHash('sha256').update(address.toLowerCase()).digest('base64url')}`,
    SK: day,
  }),
  /** A per-organisation token bucket for one kind of request (tickets, messages, escalations). */
  rateBucket: (org: string, action: string) => ({ PK: `RATE#${org}#${action}`, SK: 'RATE' }),
  webhookEndpoint: (id: string) => ({ PK: `WEBHOOK#${id}`, SK: 'ENDPOINT' }),
  /** Staff endpoints hear of every organisation; an organisation's only of its own. */
  webhookScopePartition,
  /** How many endpoints a scope has, so its limit holds under concurrent registrations. */
  webhookScopeCount: (scope: WebhookScope) => ({ PK: webhookScopePartition(scope), SK: 'COUNT' }),
  webhookListed: (createdAt: number, id: string) => `${pad(createdAt, 13)}#${id}`,
  /** A delivery sorts under its ticket, so one Query reads an endpoint's queue for that ticket. */
  webhookDelivery: (endpointId: string, caseId: number, eventId: string) => ({
    PK: `WEBHOOK#${endpointId}`,
    SK: `${webhookQueuePrefix(caseId)}${eventId}`,
  }),
  webhookQueuePrefix,
  webhookLogPartition: (endpointId: string) => `WEBHOOK_LOG#${endpointId}`,
  webhookLogged: (createdAt: number, eventId: string) => `${pad(createdAt, 13)}#${eventId}`,
  webhookSlot: (endpointId: string, slot: number) => ({ PK: `WEBHOOK#${endpointId}`, SK: `SLOT#${slot}` }),
  /** The marker of a delivery queue with pending deliveries: when the sender must look at it next. */
  webhookQueueMarker: (endpointId: string, caseId: number) => ({ PK: `WEBHOOK#${endpointId}`, SK: `WHQ#${pad(caseId, 15)}` }),
  /** The marker's entry in the `due` index, beside the tickets' (the sweeper finds stranded queues by it). */
  webhookDue: (when: number, endpointId: string, caseId: number) => ({
    DPK: `WHDUE#${caseId % DUE_SHARDS}`,
    DSK: `${dueSortPrefix(when)}#${endpointId}#${pad(caseId, 15)}`,
  }),
  webhookDuePartition: (shard: number) => `WHDUE#${shard}`,
  person: (id: string) => ({ PK: `PERSON#${id}`, SK: 'PERSON' }),
  /** A person's entry in the list of everyone. */
  personListed: (id: string) => ({ GSI1PK: PEOPLE_PARTITION, GSI1SK: id }),
  peoplePartition: () => PEOPLE_PARTITION,
  /** Which person holds an SMS number (E.164): an inbound reply is matched to its sender by it. */
  phone: (number: string) => ({ PK: `PHONE#${number}`, SK: 'PHONE' }),
  phonePartition: (number: string) => `PHONE#${number}`,
  /** The code texted to a person's number, until it is entered or expires. */
  verification: (personId: string, number: string) => ({ PK: `PERSON#${personId}`, SK: `VERIFY#${number}` }),
  schedule: (role: string) => ({ PK: `SCHEDULE#${role}`, SK: 'SCHEDULE' }),
  scheduleListed: (role: string) => ({ GSI1PK: SCHEDULES_PARTITION, GSI1SK: role }),
  schedulesPartition: () => SCHEDULES_PARTITION,
  /** A live reply code of a number (`Reply 4a`), beside the number's owner item. */
  replyCode: (number: string, code: number) => ({ PK: `PHONE#${number}`, SK: `${REPLY_CODE_PREFIX}${pad(code, 2)}` }),
  replyCodePrefix: REPLY_CODE_PREFIX,
  /** What a number was sent lately and what waits for the throttle. */
  smsThrottle: (number: string) => ({ PK: `PHONE#${number}`, SK: 'THROTTLE' }),
  /** An inbound SMS (End User Messaging's `inboundMessageId`) being or having been handled: SNS may deliver it twice. */
  inboundSms: (messageId: string) => ({ PK: `SMS_IN#${messageId}`, SK: 'SMS_IN' }),
  /** A contract e-mail queued for outbound-mail (its id is the caller's, deterministic). */
  mailOutbox: (id: string) => ({ PK: `MAIL#${id}`, SK: 'MAIL' }),

  // Quarterly tier reviews (functions/adapters/dynamo/tier-reviews.ts).
  /** A policy's review of one quarter (`2027-Q2`), its latest revision; the partition lists them in quarter order. */
  policyHead: (id: string) => ({ PK: `POLICY#${id}`, SK: 'HEAD' }),
  policyListed: (id: string) => ({ GSI1PK: POLICY_LIST_PARTITION, GSI1SK: id }),
  policyListPartition: () => POLICY_LIST_PARTITION,
  policyVersion: (id: string, version: number) => ({ PK: `POLICY#${id}`, SK: `${POLICY_VERSION_PREFIX}${pad(version, 9)}` }),
  policyPartition: (id: string) => `POLICY#${id}`,
  policyVersionPrefix: POLICY_VERSION_PREFIX,
  policyReplan: (id: string, version: number) => ({ PK: `POLICY#${id}`, SK: `REPLAN#${pad(version, 9)}` }),
  /** A running re-plan's entry in the `due` index: when it counts as stalled unless its progress moves first. */
  replanDue: (when: number, id: string, version: number) => ({
    DPK: REPLAN_DUE_PARTITION,
    DSK: `${dueSortPrefix(when)}#${id}#${pad(version, 9)}`,
  }),
  replanDuePartition: () => REPLAN_DUE_PARTITION,
  tierReview: (policy: string, quarter: string) => ({ PK: `TIER_REVIEW#${policy}`, SK: `Q#${quarter}` }),
  tierReviewPartition: (policy: string) => `TIER_REVIEW#${policy}`,
  // Change-management notices (shared/notices): one item each, listed by start in one partition of `byOrg`.
  notice: (id: string) => ({ PK: `NOTICE#${id}`, SK: 'NOTICE' }),
  noticeListed: (start: number, id: string) => ({ GSI1PK: NOTICES_PARTITION, GSI1SK: `${pad(start, 13)}#${id}` }),
  noticesPartition: () => NOTICES_PARTITION,
  /** Where a list of notices by start begins or ends (before every notice starting at `start`). */
  noticeListedBound: (start: number) => pad(Math.max(0, start), 13),
  /** A copy of a notice in the partition of one scope it names (`ORG#<id>`, `REGION#<r>`, `ALL`). */
  noticeFor: (scope: string, id: string) => ({ PK: `NOTICES_FOR#${scope}`, SK: `NOTICE#${id}` }),
  noticesForPartition: (scope: string) => `NOTICES_FOR#${scope}`,
  /** The reminder of a notice's window starting at `start`, queued for the fan-out to mail. */
  noticeReminder: (id: string, start: number) => ({ PK: `NOTICE#${id}`, SK: `${NOTICE_REMINDER_PREFIX}${pad(start, 13)}` }),
  noticeReminderPrefix: NOTICE_REMINDER_PREFIX,
  // ── time entries ──────────────────────────────────────────────────────────────────────────────
  /** One revision of a time entry, in its ticket's partition, with its key by recording time. */
  timeRevision: (revision: { caseId: number; org: string; entry: string; rev: number; recordedAt: number }) => {
    const tail = `${revision.entry}#${pad(revision.rev, 4)}`;
    return {
      PK: `TICKET#${revision.caseId}`,
      SK: `${TIME_PREFIX}${tail}`,
      DPK: `TIMEREC#${revision.org}`,
      DSK: `${dueSortPrefix(revision.recordedAt)}#${tail}`,
    };
  },
  timePrefix: TIME_PREFIX,
  /** The `due` partition of an org's revisions by recording time. */
  timeByRecording: (org: string) => `TIMEREC#${org}`,
  /** Sort keys of that partition from `start` (inclusive) and before `end`: `[start, end)` as a BETWEEN. */
  timeRange: (start: number, end: number) => ({ from: dueSortPrefix(start), to: `${dueSortPrefix(end - 1)}#~` }),
  /** That a usage alert (`usage:<org>:<period>:80`) was queued: never expires, so it is once per period for good. */
  usageAlertMark: (id: string) => ({ PK: `USAGE_ALERT#${id}`, SK: 'QUEUED' }),
  // ── clock outcomes ───────────────────────────────────────────────────────────────────────────
  /** One stopped clock: in its org's partition of the UTC month it stopped in, by stop instant. The key is deterministic, so a rewrite is harmless. */
  outcome: (o: { org: string; stoppedAt: number; caseId: number; id: string }) => ({
    PK: outcomesPartition(o.org, o.stoppedAt),
    SK: `${dueSortPrefix(o.stoppedAt)}#${pad(o.caseId, 12)}#${o.id}`,
  }),
  /** The partition of an org's outcomes that stopped in the UTC month holding `instant`. */
  outcomesPartition,
  /** Sort keys of outcomes that stopped in `[start, end)`, as a BETWEEN. */
  outcomeRange: (start: number, end: number) => ({ from: dueSortPrefix(Math.max(0, start)), to: `${dueSortPrefix(end - 1)}#~` }),
  /** A closed period's statement as first computed (`issued-statements.ts`): never replaced. */
  issuedStatement: (org: string, period: string) => ({ PK: `STATEMENT#${org}`, SK: `P#${period}` }),
};

const NOTICES_PARTITION = 'NOTICES';

function outcomesPartition(org: string, instant: number): string {
  return `OUTCOMES#${org}#${new Date(instant).toISOString().slice(0, 7)}`;
}

/** Not `ORG#…`: that prefix is an organisation's tickets in the same index. */
const ORG_LIST_PARTITION = 'ORGS';

type WebhookScope = { readonly kind: 'staff' } | { readonly kind: 'org'; readonly org: string };

function webhookScopePartition(scope: WebhookScope): string {
  return scope.kind === 'staff' ? 'WEBHOOKS#staff' : `WEBHOOKS#org#${scope.org}`;
}

function webhookQueuePrefix(caseId: number): string {
  return `WHD#${pad(caseId, 15)}#`;
}

/** Reads back what the keys above encode: nothing outside this module splits a key. */
export const keyParts = {
  /** The case id of an item in a ticket's partition (`TICKET#<caseId>`). */
  caseIdOf: (pk: string) => Number(pk.slice('TICKET#'.length)),
  /** The seq of a timeline entry, from its sort key (`EVENT#<seq>`). */
  seqOf: (sk: string) => Number(sk.slice(keys.timelinePrefix.length)),
  /** Whether a table key is a ticket item's, with a case id of at most 15 digits (a safe integer). */
  isTicketKey: (key: Record<string, unknown>) => typeof key.PK === 'string' && /^TICKET#\d{1,15}$/.test(key.PK) && key.SK === 'TICKET',
  /** Whether a table key is an organisation item's. */
  isOrgKey: (key: Record<string, unknown>) => typeof key.PK === 'string' && key.PK.startsWith('ORG#') && key.SK === 'ORG',
  /** Whether a table key is a person item's. */
  isPersonKey: (key: Record<string, unknown>) => typeof key.PK === 'string' && key.PK.startsWith('PERSON#') && key.SK === 'PERSON',
  /** The due time a due index sort key starts with. */
  dueOf: (dsk: string) => Number(dsk.slice(0, dsk.indexOf('#'))),
  /** The delivery queue a `WHDUE` sort key names. */
  webhookDueQueueOf: (dsk: string) => {
    const [, endpointId = '', caseId = ''] = dsk.split('#');
    return { endpointId, caseId: Number(caseId) };
  },
  /** When held mail was received (ISO) and its id, from its sort key. */
  heldMailOf: (sk: string) => {
    const split = sk.indexOf('#');
    return { receivedAt: sk.slice(0, split), id: sk.slice(split + 1) };
  },
};
