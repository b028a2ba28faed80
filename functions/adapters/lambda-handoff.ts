/**
 * The DeadlineHandoff on Lambda: an asynchronous invoke of the notify function (InvocationType
 * `Event`). Lambda queues the event and answers 202 at once; the function runs later, with Lambda's
 * retries (two, about 1 and 2 minutes apart) and then its on-failure destination.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */

import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { DeadlineHandoff } from '#shared/sla/ports.ts';
import type { DeadlineInvocation } from '#shared/sla/schedules.ts';

export class LambdaHandoff implements DeadlineHandoff {
  constructor(
    private readonly client: Pick<LambdaClient, 'send'>,
    /** The notify function's name or ARN. */
    private readonly functionName: string,
  ) {}

  async handOff(invocation: DeadlineInvocation): Promise<void> {
    const { StatusCode } = await this.client.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(invocation)),
      }),
    );
    // An accepted asynchronous invocation answers 202; anything else was not queued.
    if (StatusCode !== 202) throw new Error(`Lambda did not accept the asynchronous invoke of ${this.functionName} (status ${StatusCode})`);
  }
}
