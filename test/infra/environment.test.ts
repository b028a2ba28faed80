/**
 * Each function's environment (functions/<name>/environment.ts): parsed once, at the first
 * invocation and before its event is read, so a deployment that misses a setting fails by the
 * variable's name instead of answering a user.
 */

import { afterEach, describe, expect, it, vi } from 'vitest';
import { inboundEmailEnvironment } from '../../functions/inbound-email/environment.ts';
import { parseEnvironment } from '../../functions/lib/config.ts';

/** A valid value for every setting any function has. */
const VALID: Record<string, string> = {
  TABLE_NAME: 'sla-test',
  AWS_REGION: 'eu-central-1',
  ROLE_TOPIC_ARN_PREFIX: 'arn:aws:sns:eu-central-1:123456789012:sla-escalator-test-',
  SCHEDULE_GROUP: 'sla-escalator-test',
  NOTIFY_FUNCTION_ARN: 'arn:aws:lambda:eu-central-1:123456789012:function:notify',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
  SCHEDULER_DLQ_ARN: 'arn:aws:sqs:eu-central-1:123456789012:dlq',
  MAIL_BUCKET: 'sla-escalator-test-mail',
  SUPPORT_ADDRESS: 'support@support.example.com',
  WEBHOOK_QUEUE_URL: 'https://sqs.eu-central-1.amazonaws.com/123456789012/webhook-wakeups',
};

/** Each function and a setting it cannot run without. */
const NEEDS = [
  ['api', 'TABLE_NAME'],
  ['notify', 'ROLE_TOPIC_ARN_PREFIX'],
  ['schedule-sync', 'SCHEDULER_ROLE_ARN'],
  ['sweeper', 'NOTIFY_FUNCTION_ARN'],
  ['inbound-email', 'MAIL_BUCKET'],
  ['outbound-mail', 'SUPPORT_ADDRESS'],
  ['pre-token', 'TABLE_NAME'],
  ['api', 'WEBHOOK_QUEUE_URL'],
  ['webhook-fanout', 'WEBHOOK_QUEUE_URL'],
  ['webhook-sender', 'WEBHOOK_QUEUE_URL'],
  ['webhook-sender', 'SUPPORT_ADDRESS'],
  ['api', 'AWS_REGION'],
  ['contracts', 'TABLE_NAME'],
] as const;

/** The production entry point of a function, loaded afresh (a cold start) with these variables and no others of ours. */
async function coldStart(name: string, variables: Record<string, string>) {
  for (const key of Object.keys(VALID)) vi.stubEnv(key, undefined);
  for (const [key, value] of Object.entries(variables)) vi.stubEnv(key, value);
  vi.resetModules();
  const { handler } = (await import(`../../functions/${name}/handler.ts`)) as {
    handler: (event: unknown, context: unknown) => Promise<unknown>;
  };
  return handler;
}

describe('function environments', () => {
  afterEach(() => vi.unstubAllEnvs());

  describe('a missing setting fails the first invocation by name, before the event is read', () => {
    it.each(NEEDS)('%s without %s', async (name, missing) => {
      const { [missing]: _, ...rest } = VALID;
      const handler = await coldStart(name, rest);
      // Not an event any function accepts: a handler that read it first would fail otherwise.
      await expect(handler({ not: 'an event' }, { awsRequestId: 'cold' })).rejects.toThrow(
        new RegExp(`^invalid environment: ${missing}: `),
      );
    });
  });

  describe('parsing', () => {
    it('has no default region: AWS_REGION is required', () => {
      const { AWS_REGION: _, ...rest } = VALID;
      expect(() => parseEnvironment(inboundEmailEnvironment, rest)).toThrow('invalid environment: AWS_REGION: ');
    });

    it('names every invalid setting', () => {
      expect(() => parseEnvironment(inboundEmailEnvironment, { ...VALID, SUPPORT_ADDRESS: 'support', MAX_MAIL_BYTES: 'lots' })).toThrow(
        /^invalid environment: SUPPORT_ADDRESS: .*; MAX_MAIL_BYTES: /,
      );
    });

    it('fills the defaults of optional settings and converts numbers', () => {
      expect(parseEnvironment(inboundEmailEnvironment, VALID)).toEqual({
        TABLE_NAME: 'sla-test',
        AWS_REGION: 'eu-central-1',
        MAIL_BUCKET: 'sla-escalator-test-mail',
        MAIL_PREFIX: 'inbound/',
        SUPPORT_ADDRESS: 'support@support.example.com',
        MAX_MAIL_BYTES: 40 * 1024 * 1024,
      });
      expect(parseEnvironment(inboundEmailEnvironment, { ...VALID, MAX_MAIL_BYTES: '1024' }).MAX_MAIL_BYTES).toBe(1024);
    });
  });
});
