/**
 * Mail driven by the table's stream like everything else: to requesters, an acknowledgement when
 * a ticket with a requester address is created and each public agent message afterwards (each
 * quotes the case's thread root, so replies find their case); and each contract e-mail queued in
 * the mail outbox (`mail-outbox.ts`), one message per recipient not yet sent; and the fan-out of
 * each stored notice (new or changed) and each reminder left for one (`notice-fanout.ts`), which
 * queues those contract e-mails, one per affected org.
 */

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { acknowledgement, agentMessage } from '#shared/email/outbound-mail.ts';
import type { Mailer } from '#shared/email/ports.ts';
import type { PolicyCatalog } from '#shared/policies/policy-store.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import type { DynamoMailOutbox } from '../adapters/dynamo/mail-outbox.ts';
import { type DynamoNoticeStore, readNotice } from '../adapters/dynamo/notices.ts';
import { ticketItem, timelineItem } from '../adapters/dynamo/stored-items.ts';
import { keyParts, keys } from '../adapters/dynamo/table-design.ts';
import { fanOutNotice, latestEvent } from '../lib/notice-fanout.ts';

export interface OutboundDeps {
  readonly store: TicketStore;
  readonly mailer: Mailer;
  readonly domain: string;
  readonly outbox: Pick<DynamoMailOutbox, 'queue' | 'queued' | 'markSent'>;
  readonly notices: Pick<DynamoNoticeStore, 'putListings'>;
  /** How a ticket's policy is read; none: the compiled presets alone. */
  readonly policies: PolicyCatalog;
}

export async function mailForRecord(record: DynamoDBRecord, deps: OutboundDeps): Promise<void> {
  if (record.dynamodb?.NewImage === undefined) return;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  const fanOut = { orgs: deps.store, notices: deps.notices, outbox: deps.outbox, policies: deps.policies };
  // A notice item is only ever written anew with its next version: each INSERT or MODIFY is an event to announce.
  if (item.itemType === 'notice' && item.SK === keys.notice('').SK && record.eventName !== 'REMOVE') {
    const notice = readNotice(item);
    await fanOutNotice(notice, latestEvent(notice), fanOut);
    return;
  }
  if (record.eventName !== 'INSERT') return;
  if (item.itemType === 'notice-reminder') {
    const notice = readNotice(item.notice);
    await fanOutNotice(notice, 'reminder', fanOut);
    return;
  }
  if (item.itemType === 'mail' && item.SK === 'MAIL') {
    await sendQueuedMail(String(item.id), deps);
    return;
  }
  if (item.SK === keys.ticket(0).SK) {
    const ticket = ticketItem().parse(item);
    const mail = acknowledgement(ticket, await deps.policies.forTicket(ticket.sla), deps.domain);
    if (mail !== undefined) await deps.mailer.send(mail);
    return;
  }
  if (typeof item.SK !== 'string' || !item.SK.startsWith(keys.timelinePrefix)) return;
  // Only staff messages are mailed: an entry of any other type, even one a later release adds, is
  // passed by before it is parsed, so a new type never stops this consumer's shard.
  if (item.type !== 'responded' && item.type !== 'updated') return;
  const entry = timelineItem().parse(item);
  if (entry.public !== true || entry.body === undefined) return;
  const caseId = keyParts.caseIdOf(String(item.PK));
  const ticket = await deps.store.getTicket(caseId);
  const mail = ticket === undefined ? undefined : agentMessage(ticket, entry.body, deps.domain);
  if (mail !== undefined) await deps.mailer.send(mail);
}

/** Sends a queued contract e-mail to each recipient not marked sent, marking each after SES took it. */
async function sendQueuedMail(id: string, deps: OutboundDeps): Promise<void> {
  const queued = await deps.outbox.queued(id);
  if (queued === undefined) return;
  for (const to of queued.mail.to) {
    if (queued.sentTo.has(to)) continue;
    await deps.mailer.send({ to, subject: queued.mail.subject, text: queued.mail.text, references: [], automatic: true });
    await deps.outbox.markSent(id, to);
  }
}
