/**
 * Hand-offs to another function by an asynchronous invoke (InvocationType `Event`): a deadline to
 * notify (`LambdaHandoff`), a re-plan to the policy publisher (`LambdaReplans`). Lambda queues the
 * event and answers 202 at once; the function runs later, with Lambda's retries (two, about 1 and 2
 * minutes apart) and then its on-failure destination.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
 */

import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { ReplanRef, ReplanStarter } from '#shared/policies/policy-store.ts';
import type { DeadlineHandoff } from '#shared/sla/ports.ts';
import type { DeadlineInvocation } from '#shared/sla/schedules.ts';

/** Queues `event` for `functionName` (its name or ARN); throws unless Lambda accepted it. */
export async function invokeAsync(client: Pick<LambdaClient, 'send'>, functionName: string, event: unknown): Promise<void> {
  const { StatusCode } = await client.send(
    new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
  );
  // An accepted asynchronous invocation answers 202; anything else was not queued.
  if (StatusCode !== 202) throw new Error(`Lambda did not accept the asynchronous invoke of ${functionName} (status ${StatusCode})`);
}

export class LambdaHandoff implements DeadlineHandoff {
  constructor(
    private readonly client: Pick<LambdaClient, 'send'>,
    /** The notify function's name or ARN. */
    private readonly functionName: string,
  ) {}

  handOff(invocation: DeadlineInvocation): Promise<void> {
    return invokeAsync(this.client, this.functionName, invocation);
  }
}

/** The event that makes the policy publisher go on with a re-plan (see functions/policy-publisher/handler.ts). */
export interface ReplanEvent {
  readonly replan: ReplanRef;
}

/** Starts or resumes a re-plan in the policy publisher (its own hand-on, and the sweeper's resumption of a stalled one). */
export class LambdaReplans implements ReplanStarter {
  constructor(
    private readonly client: Pick<LambdaClient, 'send'>,
    /** The policy publisher's name or ARN. */
    private readonly functionName: string,
  ) {}

  start(id: string, version: number): Promise<void> {
    const event: ReplanEvent = { replan: { id, version } };
    return invokeAsync(this.client, this.functionName, event);
  }
}
