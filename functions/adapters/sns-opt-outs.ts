/**
 * SNS's opt-out list for SMS: taking a number off it when it texts START, and reading it whole for
 * the sweeper's mirror.
 *
 * `OptInPhoneNumber` may opt a number in once every 30 days
 * (https://docs.aws.amazon.com/sns/latest/api/API_OptInPhoneNumber.html); the page lists no error
 * of its own for that, so a refused parameter (`InvalidParameter`) is read as "too soon" and any
 * other failure is thrown (the message is retried).
 *
 * `ListPhoneNumbersOptedOut` returns at most 100 numbers a page with a `nextToken` for the next
 * (https://docs.aws.amazon.com/sns/latest/api/API_ListPhoneNumbersOptedOut.html); it is throttled
 * per account (`Throttled`, https://docs.aws.amazon.com/general/latest/gr/sns.html), which the
 * SDK's retries absorb for one mirror run a few pages long.
 */

import { ListPhoneNumbersOptedOutCommand, OptInPhoneNumberCommand, type SNSClient } from '@aws-sdk/client-sns';

type Sns = Pick<SNSClient, 'send'>;

export async function optInPhoneNumber(sns: Sns, number: string): Promise<'opted-in' | 'too-soon'> {
  try {
    await sns.send(new OptInPhoneNumberCommand({ phoneNumber: number }));
    return 'opted-in';
  } catch (error) {
    if ((error as { name?: string }).name === 'InvalidParameterException') return 'too-soon';
    throw error;
  }
}

/** Every opted-out number, a page (≤ 100) at a time. */
export async function* optedOutNumbers(sns: Sns): AsyncGenerator<readonly string[]> {
  let nextToken: string | undefined;
  do {
    const page = await sns.send(new ListPhoneNumbersOptedOutCommand(nextToken === undefined ? {} : { nextToken }));
    yield page.phoneNumbers ?? [];
    nextToken = page.nextToken ?? undefined;
  } while (nextToken !== undefined && nextToken !== '');
}
