/**
 * Mail to requesters, driven by the table's stream like everything else: an acknowledgement when
 * a ticket with a requester address is created, and each public agent message afterwards. Each
 * quotes the case's thread root, so replies find their case.
 */

import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { acknowledgement, agentMessage } from '#shared/email/outbound-mail.ts';
import type { Mailer } from '#shared/email/ports.ts';
import { policyOf } from '#shared/policies/presets.ts';
import type { TicketStore } from '#shared/tickets/ticket-store.ts';
import { ticketItem, timelineItem } from '../adapters/dynamo/stored-items.ts';
import { keyParts, keys } from '../adapters/dynamo/table-design.ts';

export interface OutboundDeps {
  readonly store: TicketStore;
  readonly mailer: Mailer;
  readonly domain: string;
}

export async function mailForRecord(record: DynamoDBRecord, deps: OutboundDeps): Promise<void> {
  if (record.eventName !== 'INSERT' || record.dynamodb?.NewImage === undefined) return;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>);
  if (item.SK === keys.ticket(0).SK) {
    const ticket = ticketItem().parse(item);
    const mail = acknowledgement(ticket, policyOf(ticket.sla), deps.domain);
    if (mail !== undefined) await deps.mailer.send(mail);
    return;
  }
  if (typeof item.SK !== 'string' || !item.SK.startsWith(keys.timelinePrefix)) return;
  const entry = timelineItem().parse(item);
  if ((entry.type !== 'responded' && entry.type !== 'updated') || entry.public !== true || entry.body === undefined) return;
  const caseId = keyParts.caseIdOf(String(item.PK));
  const ticket = await deps.store.getTicket(caseId);
  const mail = ticket === undefined ? undefined : agentMessage(ticket, entry.body, deps.domain);
  if (mail !== undefined) await deps.mailer.send(mail);
}
