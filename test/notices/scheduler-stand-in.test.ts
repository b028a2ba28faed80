/**
 * The Scheduler stand-in as notice reminders use it: each schedule fires its own target, and
 * ActionAfterCompletion decides what is left after its one invocation, as on AWS
 * (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-delete.html).
 */

import { ConflictException, CreateScheduleCommand, type CreateScheduleCommandInput } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { LocalScheduler } from '../../infra/local/lib/local-scheduler.ts';

const create = (name: string, target: string, more: Partial<CreateScheduleCommandInput> = {}) =>
  new CreateScheduleCommand({
    Name: name,
    GroupName: 'sla-escalator',
    ScheduleExpression: 'at(2027-03-06T10:00:00)',
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: { Arn: target, RoleArn: 'arn:role', Input: '{"kind":"notice-reminder"}' },
    ...more,
  });

describe('the Scheduler stand-in', () => {
  it('fires each schedule at its own target, and deletes one with ActionAfterCompletion DELETE', async () => {
    const scheduler = new LocalScheduler(undefined);
    await scheduler.send(create('notice-a', 'arn:contracts', { ActionAfterCompletion: 'DELETE' }));
    const fired: Array<[unknown, string | undefined]> = [];
    await scheduler.fire(scheduler.earliest() as never, async (input, target) => fired.push([input, target]));
    expect(fired).toEqual([[{ kind: 'notice-reminder' }, 'arn:contracts']]);
    expect(scheduler.size).toBe(0);
    // The name is free again.
    await scheduler.send(create('notice-a', 'arn:contracts', { ActionAfterCompletion: 'DELETE' }));
    expect(scheduler.size).toBe(1);
  });

  it('keeps one without it, completed: it does not fire again and its name stays taken', async () => {
    const scheduler = new LocalScheduler(undefined);
    await scheduler.send(create('notice-b', 'arn:contracts'));
    await scheduler.fire(scheduler.earliest() as never, async () => undefined);
    expect(scheduler.earliest()).toBeUndefined();
    expect(scheduler.size).toBe(0);
    await expect(scheduler.send(create('notice-b', 'arn:contracts'))).rejects.toBeInstanceOf(ConflictException);
  });
});
