/**
 * The mail outbox: contract e-mail (usage alerts, tier reviews, maintenance notices) written to
 * the table as one item per mail and sent by outbound-mail from the stream. An id is given by the
 * caller and deterministic (`usage:<org>:<period>:80`), and an id is queued at most once (a
 * conditional put), so a retried request or two racing writers never queue a mail twice. Each
 * recipient is marked on the item once SES took their copy, so a stream retry sends only to the
 * others (at least once per recipient; twice only if the mark itself failed). A mail is refused
 * beyond QUEUED_MAIL_LIMITS, and only a listed recipient can be marked, so no item can outgrow
 * DynamoDB's 400 KB (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-items).
 */

import { TransactionCanceledException, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { type MailOutbox, QUEUED_MAIL_LIMITS, type QueuedMail } from '#shared/email/ports.ts';
import { DAY_MS } from '#shared/time/duration.ts';
import { once } from '../../lib/once.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys } from './table-design.ts';

/** Sent or not, an outbox item goes after this long (the table's TTL). */
const OUTBOX_TTL_MS = 30 * DAY_MS;

/** Mails put at once by `queue` (each its own conditional put): thousands go in bounded rounds. */
const QUEUE_BATCH = 25;

function outboxItem(mail: QueuedMail, now: number) {
  checkSize(mail);
  return {
    ...keys.mailOutbox(mail.id),
    itemType: 'mail',
    id: mail.id,
    kind: mail.kind,
    ...(mail.org !== undefined && { org: mail.org }),
    to: [...new Set(mail.to)],
    subject: mail.subject,
    text: mail.text,
    queuedAt: now,
    expiresAt: Math.floor((now + OUTBOX_TTL_MS) / 1000),
  };
}

/** The put of a mail, for a transaction that must queue it with the change it reports (fails the transaction if the id was queued). */
export function mailOutboxPut(table: string, mail: QueuedMail, now: number): NonNullable<TransactWriteItem['Put']> {
  return {
    TableName: table,
    Item: outboxItem(mail, now) as never,
    ConditionExpression: 'attribute_not_exists(PK)',
  };
}

export class DynamoMailOutbox implements MailOutbox {
  constructor(private readonly at: TableContext) {}

  /**
   * Queues each mail whose id was never queued; the others are left as they are. Every mail is
   * checked before the first is put, and they go in rounds of QUEUE_BATCH: a failure part way
   * leaves a prefix queued, and asking again queues the rest (the ids make it exactly once).
   */
  async queue(mails: readonly QueuedMail[]): Promise<void> {
    const now = this.at.clock();
    const puts = mails.filter((mail) => mail.to.length > 0).map((mail) => mailOutboxPut(this.at.table, mail, now));
    for (let i = 0; i < puts.length; i += QUEUE_BATCH)
      await Promise.all(puts.slice(i, i + QUEUE_BATCH).map((put) => conditionHeld(this.at.client.send(new PutCommand(put as never)))));
  }

  /** A queued mail and the recipients it was already sent to (read consistently), or `undefined` once expired. */
  async queued(id: string): Promise<{ readonly mail: QueuedMail; readonly sentTo: ReadonlySet<string> } | undefined> {
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.mailOutbox(id), ConsistentRead: true }),
    );
    if (Item === undefined) return undefined;
    const item = outboxStoredItem().parse(Item);
    const { sentTo, ...mail } = item;
    return { mail, sentTo: new Set(sentTo ?? []) };
  }

  /** Records that one recipient was sent the mail (after SES accepted it: a retry may send again, never skip). */
  async markSent(id: string, to: string): Promise<void> {
    await conditionHeld(
      this.at.client.send(
        new UpdateCommand({
          TableName: this.at.table,
          Key: keys.mailOutbox(id),
          UpdateExpression: 'ADD sentTo :to',
          // Only a recipient of the mail: the marks never outgrow the (capped) list of recipients.
          ConditionExpression: 'attribute_exists(PK) AND contains(#to, :address)',
          ExpressionAttributeNames: { '#to': 'to' },
          ExpressionAttributeValues: { ':to': new Set([to]), ':address': to },
        }),
      ),
    );
  }
}

/** A mail beyond QUEUED_MAIL_LIMITS is a caller's mistake: refused before anything is written. */
function checkSize(mail: QueuedMail): void {
  const limits = QUEUED_MAIL_LIMITS;
  const over =
    mail.to.length > limits.recipients
      ? `more than ${limits.recipients} recipients (${mail.to.length})`
      : mail.to.some((address) => address.length > limits.address)
        ? `a recipient longer than ${limits.address} characters`
        : mail.subject.length > limits.subject
          ? `a subject longer than ${limits.subject} characters`
          : mail.text.length > limits.text
            ? `a text longer than ${limits.text} characters`
            : undefined;
  if (over !== undefined) throw new Error(`the mail ${mail.id} has ${over}: queue it as several mails`);
}

/** An outbox item as stored (`sentTo` appears with the first recipient sent). */
export const outboxStoredItem = once(() =>
  z.object({
    id: z.string(),
    kind: z.string(),
    org: z.optional(z.string()),
    to: z.array(z.string()),
    subject: z.string(),
    text: z.string(),
    sentTo: z.optional(z.union([z.set(z.string()), z.array(z.string())])),
  }),
);

/**
 * Queues each mail once for good: the mail and a mark that never expires (`usage-alert-mark`, the
 * name it had when usage alerts were its only users) in one transaction, both conditional. A mark
 * that exists means the mail went out (nothing is written); an outbox item without a mark (queued
 * before marks existed) gets its mark alone, so it is not queued again once the outbox item has expired.
 */
export async function queueOnceForGood(at: TableContext, mails: readonly QueuedMail[]): Promise<void> {
  const now = at.clock();
  const marked = await markedIds(
    at,
    mails.filter((mail) => mail.to.length > 0).map((mail) => mail.id),
  );
  for (const mail of mails) {
    if (mail.to.length === 0 || marked.has(mail.id)) continue;
    const mark = {
      TableName: at.table,
      Item: { ...keys.usageAlertMark(mail.id), itemType: 'usage-alert-mark', id: mail.id, queuedAt: now },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    try {
      await at.client.send(
        new TransactWriteCommand({ TransactItems: [{ Put: mark }, { Put: mailOutboxPut(at.table, mail, now) as never }] }),
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [markedNow, queued] = (error.CancellationReasons ?? []).map((reason) => reason.Code === 'ConditionalCheckFailed');
      if (markedNow) continue;
      if (!queued) throw error;
      await conditionHeld(at.client.send(new PutCommand(mark)));
    }
  }
}

export async function markedIds(at: TableContext, ids: readonly string[]): Promise<ReadonlySet<string>> {
  if (ids.length === 0) return new Set();
  const { Responses } = await at.client.send(
    new BatchGetCommand({
      RequestItems: { [at.table]: { Keys: ids.map((id) => keys.usageAlertMark(id)), ConsistentRead: true, ProjectionExpression: 'id' } },
    }),
  );
  return new Set((Responses?.[at.table] ?? []).map((item) => String(item.id)));
}
