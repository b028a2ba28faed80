/**
 * The pending verification code of a person's number: one item per (person, number), kept a day
 * past the code's expiry so it also carries the day's count of codes texted to the number.
 *
 * Every change is one conditional write, so parallel requests cannot share what they read:
 * - a new code replaces the item only if it is still the one read (`hash` unchanged, or none);
 * - a try is taken by `SET attemptsLeft = attemptsLeft - 1` on condition `attemptsLeft > 0 AND
 *   validUntil > now`, returning the item as it was before (`ReturnValues: ALL_OLD`) or, when the
 *   condition fails, as it is (`ReturnValuesOnConditionCheckFailure: ALL_OLD`); both come from the
 *   same atomic write (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html),
 *   so of twelve parallel guesses five take a try and seven find the code locked, none a try twice;
 * - a verified code is deleted only if its hash is still the one entered.
 */

import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod/mini';
import { type PendingVerification, VERIFICATION } from '#shared/oncall/verification-codes.ts';
import { once } from '../../lib/once.ts';
import { conditionHeld, type TableContext } from './table.ts';
import { keys } from './table-design.ts';

/** A verification item outlives its code by a day (the day's count of codes lives in it), then TTL removes it. */
const VERIFICATION_TTL_S = 24 * 3600;

const verificationItem = once(() =>
  z.object({
    number: z.string(),
    hash: z.string(),
    validUntil: z.number(),
    attemptsLeft: z.number().check(z.int()),
    // Items kept before codes were counted per day count as the only code of their day.
    sentToday: z.optional(z.number().check(z.int())),
    countedSince: z.optional(z.number()),
  }),
);

export async function getVerification(at: TableContext, personId: string, number: string): Promise<PendingVerification | undefined> {
  const { Item } = await at.client.send(
    new GetCommand({ TableName: at.table, Key: keys.verification(personId, number), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : pendingOf(Item);
}

export async function replaceVerification(
  at: TableContext,
  personId: string,
  pending: PendingVerification,
  replacing: PendingVerification | undefined,
): Promise<boolean> {
  const { expiresAt, ...rest } = pending;
  return conditionHeld(
    at.client.send(
      new PutCommand({
        TableName: at.table,
        Item: {
          ...keys.verification(personId, pending.number),
          itemType: 'verification',
          ...rest,
          validUntil: expiresAt,
          expiresAt: Math.floor(expiresAt / 1000) + VERIFICATION_TTL_S,
        },
        ...(replacing === undefined
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : {
              ConditionExpression: '#hash = :hash',
              ExpressionAttributeNames: { '#hash': 'hash' },
              ExpressionAttributeValues: { ':hash': replacing.hash },
            }),
      }),
    ),
  );
}

export async function takeVerificationTry(
  at: TableContext,
  personId: string,
  number: string,
  now: number,
): Promise<PendingVerification | undefined> {
  try {
    const { Attributes } = await at.client.send(
      new UpdateCommand({
        TableName: at.table,
        Key: keys.verification(personId, number),
        UpdateExpression: 'SET attemptsLeft = attemptsLeft - :one',
        ConditionExpression: 'attemptsLeft > :zero AND validUntil > :now',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':now': now },
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return Attributes === undefined ? undefined : pendingOf(Attributes);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // No try left, or expired (checkVerification says which); no item at all: no code is waiting.
    return error.Item === undefined ? undefined : pendingOf(unmarshall(error.Item));
  }
}

export async function deleteVerification(at: TableContext, personId: string, number: string, hash: string): Promise<void> {
  await conditionHeld(
    at.client.send(
      new DeleteCommand({
        TableName: at.table,
        Key: keys.verification(personId, number),
        ConditionExpression: '#hash = :hash',
        ExpressionAttributeNames: { '#hash': 'hash' },
        ExpressionAttributeValues: { ':hash': hash },
      }),
    ),
  );
}

function pendingOf(item: Record<string, unknown>): PendingVerification {
  const { validUntil, sentToday, countedSince, ...rest } = verificationItem().parse(item);
  const sentAt = validUntil - VERIFICATION.validForMs;
  return { ...rest, expiresAt: validUntil, sentToday: sentToday ?? 1, countedSince: countedSince ?? sentAt };
}
