import { describe, expect, it } from 'vitest';
import { productionNotifyDeps } from '../../functions/notify/production-deps.ts';

/** notify's environment with pages to people switched on. */
const variables = {
  TABLE_NAME: 'sla-escalator',
  AWS_REGION: 'eu-central-1',
  ROLE_TOPIC_ARN_PREFIX: 'arn:aws:sns:eu-central-1:123456789012:sla-role-',
  ONCALL_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:oncall-AbCdEf',
  CONSOLE_URL: 'https://console.example/',
  SMS_ORIGINATION_NUMBER: '+12025550100',
  SUPPORT_ADDRESS: 'support@example.com',
  SCHEDULE_GROUP: 'sla-escalator',
  NOTIFY_FUNCTION_ARN: 'arn:aws:lambda:eu-central-1:123456789012:function:notify',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-central-1:123456789012:scheduler-dlq',
};

describe("notify's production dependencies", () => {
  it('do not read the on-call secret to build an invocation, only when a page signs a link', async () => {
    const asked: string[] = [];
    let reads = 0;
    const deps = productionNotifyDeps((arn) => {
      asked.push(arn);
      return async () => {
        reads++;
        throw new Error('secrets extension unreachable');
      };
    }, variables);
    const invocation = await deps();
    expect(reads).toBe(0);
    expect(asked).toEqual([variables.ONCALL_SECRET_ARN]);
    expect(invocation.people?.consoleUrl).toBe('https://console.example');
    await expect(invocation.people?.ackLinkKeys()).rejects.toThrow('unreachable');
    expect(reads).toBe(1);
  });
});
