import { CreateScheduleCommand } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '#shared/policies/presets.ts';
import { Policy } from '#shared/policy/policy.ts';
import { schedulerTimezone, tierReviewReminderSchedule } from '#shared/tier-review/reminder-schedule.ts';
import { nextCronOccurrence } from '../../infra/local/lib/local-cron.ts';
import { LocalScheduler } from '../../infra/local/lib/local-scheduler.ts';

const at = (iso: string) => Date.parse(iso);

describe('the tier review reminder schedule', () => {
  it("is a cron of the review's remind.at on each quarter's first day, in the policy's zone", () => {
    expect(tierReviewReminderSchedule(loadPreset('tiered'))).toEqual({
      name: 'tier-review-tiered',
      expression: 'cron(0 9 1 1,4,7,10 ? *)',
      timezone: 'Europe/Berlin',
      input: { kind: 'tier-review-reminder', policy: 'tiered' },
    });
    expect(tierReviewReminderSchedule(loadPreset('kore'))).toBeUndefined();
  });

  it('names a fixed offset by its Etc zone, whose sign POSIX turns round', () => {
    expect(schedulerTimezone('+02:00')).toBe('Etc/GMT-2');
    expect(schedulerTimezone('-05:00')).toBe('Etc/GMT+5');
    expect(schedulerTimezone('+00:00')).toBe('Etc/UTC');
    expect(schedulerTimezone('America/New_York')).toBe('America/New_York');
    expect(() => schedulerTimezone('+05:30')).toThrow(/no IANA zone/);
  });

  it('takes a minute of remind.at', () => {
    const tiered = loadPreset('tiered');
    const review = tiered.spec.tierReview;
    if (review === undefined) throw new Error('no review');
    const policy = Policy.fromSpec({ ...tiered.spec, tierReview: { ...review, remind: { at: { hours: 7, minutes: 30 } } } });
    expect(tierReviewReminderSchedule(policy)?.expression).toBe('cron(30 7 1 1,4,7,10 ? *)');
  });
});

describe('the local Scheduler’s cron schedules', () => {
  const expression = 'cron(0 9 1 1,4,7,10 ? *)';

  it('fire at the local time of each occurrence, following DST', () => {
    expect(nextCronOccurrence(expression, 'Europe/Berlin', at('2027-03-25T00:00:00Z'))).toBe(at('2027-04-01T07:00:00Z'));
    expect(nextCronOccurrence(expression, 'Europe/Berlin', at('2027-04-01T07:00:00Z'))).toBe(at('2027-07-01T07:00:00Z'));
    expect(nextCronOccurrence(expression, 'Europe/Berlin', at('2027-11-01T00:00:00Z'))).toBe(at('2028-01-01T08:00:00Z'));
    expect(nextCronOccurrence(expression, 'Etc/GMT-2', at('2027-03-25T00:00:00Z'))).toBe(at('2027-04-01T07:00:00Z'));
  });

  it('skip a local time the clocks jump over, as Scheduler does', () => {
    expect(nextCronOccurrence('cron(30 2 28 3 ? *)', 'Europe/Berlin', at('2027-03-01T00:00:00Z'))).toBe(at('2028-03-28T00:30:00Z'));
  });

  it('refuse what they cannot honour', async () => {
    const scheduler = new LocalScheduler(undefined, () => at('2027-03-25T00:00:00Z'));
    const create = (ScheduleExpression: string, ScheduleExpressionTimezone: string) =>
      scheduler.send(
        new CreateScheduleCommand({
          Name: 'x',
          ScheduleExpression,
          ScheduleExpressionTimezone,
          FlexibleTimeWindow: { Mode: 'OFF' },
          Target: { Arn: 'arn:fn', RoleArn: 'arn:role' },
        }),
      );
    await expect(create('cron(0/5 * * * ? *)', 'Europe/Berlin')).rejects.toThrow(/this stand-in takes cron/);
    await expect(create(expression, '+02:00')).rejects.toThrow(/IANA time zone/);
  });

  it('fire each occurrence and stay for the next', async () => {
    const scheduler = new LocalScheduler(undefined, () => at('2027-03-25T00:00:00Z'));
    await scheduler.send(
      new CreateScheduleCommand({
        Name: 'tier-review-tiered',
        GroupName: 'g',
        ScheduleExpression: expression,
        ScheduleExpressionTimezone: 'Europe/Berlin',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: 'arn:fn', RoleArn: 'arn:role', Input: '{"kind":"tier-review-reminder","policy":"tiered"}' },
      }),
    );
    const fired: unknown[] = [];
    const first = scheduler.earliest();
    expect(first?.at).toBe(at('2027-04-01T07:00:00Z'));
    if (first === undefined) throw new Error('no schedule');
    await scheduler.fire(first, async (input, target) => fired.push({ input, target }));
    expect(fired).toEqual([{ input: { kind: 'tier-review-reminder', policy: 'tiered' }, target: 'arn:fn' }]);
    expect(scheduler.earliest()?.at).toBe(at('2027-07-01T07:00:00Z'));
    expect(scheduler.has('g', 'tier-review-tiered')).toBe(true);
    // Only one-time schedules count as pending: a recurring one always has a next occurrence.
    expect(scheduler.size).toBe(0);
  });
});
