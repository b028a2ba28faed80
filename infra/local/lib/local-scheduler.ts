/**
 * A stand-in for EventBridge Scheduler at its API boundary: it receives the production
 * CreateSchedule/DeleteSchedule commands and enforces AWS's documented rules (name length and
 * characters, `at(yyyy-mm-ddThh:mm:ss)` in UTC, FlexibleTimeWindow, 409 for an existing name, 404 for a
 * missing one). Due schedules are fired by the local runtime, retried per their retry policy and
 * deleted afterwards with ActionAfterCompletion DELETE (else kept, completed, their name taken);
 * exhausted ones land in a dead-letter list. Each fires its own target. A recurring `cron(...)`
 * schedule in an IANA zone (local-cron.ts) fires at each occurrence and stays.
 */

import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { isIanaTimeZone } from '#shared/calendar/zone.ts';
import { readJson, writeJson } from './json-files.ts';
import { cronProblem, isCronExpression, nextCronOccurrence } from './local-cron.ts';

export interface LocalSchedule {
  readonly name: string;
  readonly group: string;
  readonly at: number;
  readonly input: string;
  readonly maxRetries: number;
  /** The target's ARN (schedules saved before targets were kept: notify's). */
  readonly target?: string | undefined;
  /**
   * ActionAfterCompletion NONE: after its one invocation the schedule stays, completed, and its
   * name stays taken (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-delete.html).
   */
  readonly keptAfterCompletion?: true | undefined;
  readonly completed?: true | undefined;
  /** A cron schedule: after each firing, `at` moves to its next occurrence. */
  readonly recurring?: { readonly expression: string; readonly timezone: string } | undefined;
}

const NAME = /^[0-9a-zA-Z._-]{1,64}$/;
const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;

export class LocalScheduler {
  private readonly schedules = new Map<string, LocalSchedule>();
  readonly deadLetters: Array<LocalSchedule & { error: string }> = [];

  constructor(
    private readonly file: string | undefined,
    /** The local clock: where a new recurring schedule's first occurrence is counted from. */
    private readonly now: () => number = Date.now,
  ) {
    for (const schedule of readJson<LocalSchedule[]>(file) ?? []) this.schedules.set(key(schedule.group, schedule.name), schedule);
  }

  async send(command: unknown): Promise<Record<string, unknown>> {
    if (command instanceof CreateScheduleCommand) {
      const input = command.input;
      const invalid = (message: string) => new ValidationException({ message, Message: message, $metadata: {} });
      if (!NAME.test(input.Name ?? '')) throw invalid(`Name must be 1-64 characters of [0-9a-zA-Z-_.]: ${input.Name}`);
      if (!NAME.test(input.GroupName ?? 'default'))
        throw invalid(`GroupName must be 1-64 characters of [0-9a-zA-Z-_.]: ${input.GroupName}`);
      const expression = input.ScheduleExpression ?? '';
      const timezone = input.ScheduleExpressionTimezone ?? 'UTC';
      const at = AT.exec(expression);
      const cron = isCronExpression(expression);
      if (cron) {
        const problem = cronProblem(expression);
        if (problem !== undefined) throw invalid(problem);
        if (!isIanaTimeZone(timezone)) throw invalid(`Invalid ScheduleExpressionTimezone ${timezone}: expected an IANA time zone`);
      } else {
        if (at === null) throw invalid(`Invalid Schedule Expression ${expression}: expected at(yyyy-mm-ddThh:mm:ss) or cron(...)`);
        if (timezone !== 'UTC') throw invalid('this stand-in expects one-time schedules in ScheduleExpressionTimezone UTC');
      }
      if (input.FlexibleTimeWindow?.Mode !== 'OFF' && input.FlexibleTimeWindow?.Mode !== 'FLEXIBLE')
        throw invalid('FlexibleTimeWindow is required');
      if (!input.Target?.Arn || !input.Target.RoleArn) throw invalid('Target.Arn and Target.RoleArn are required');
      const group = input.GroupName ?? 'default';
      if (this.schedules.has(key(group, input.Name as string)))
        throw new ConflictException({
          message: `Schedule ${input.Name} already exists.`,
          Message: `Schedule ${input.Name} already exists.`,
          $metadata: {},
        });
      this.schedules.set(key(group, input.Name as string), {
        name: input.Name as string,
        group,
        at: cron ? nextCronOccurrence(expression, timezone, this.now()) : Date.parse(`${at?.[1]}Z`),
        ...(cron && { recurring: { expression, timezone } }),
        input: input.Target.Input ?? '{}',
        maxRetries: input.Target.RetryPolicy?.MaximumRetryAttempts ?? 185,
        target: input.Target.Arn,
        ...(input.ActionAfterCompletion !== 'DELETE' && { keptAfterCompletion: true as const }),
      });
      this.save();
      return { ScheduleArn: `arn:aws:scheduler:us-east-1:000000000000:schedule/${group}/${input.Name}` };
    }
    if (command instanceof DeleteScheduleCommand) {
      const k = key(command.input.GroupName ?? 'default', command.input.Name ?? '');
      if (!this.schedules.delete(k))
        throw new ResourceNotFoundException({
          message: `Schedule ${command.input.Name} does not exist.`,
          Message: `Schedule ${command.input.Name} does not exist.`,
          $metadata: {},
        });
      this.save();
      return {};
    }
    throw new Error(`the local Scheduler does not handle ${(command as object).constructor.name}`);
  }

  /** Whether a schedule of this name is in the group (completed or not). */
  has(group: string, name: string): boolean {
    return this.schedules.has(key(group, name));
  }

  /** The schedule that fires first, if any. */
  earliest(): LocalSchedule | undefined {
    let first: LocalSchedule | undefined;
    for (const schedule of this.schedules.values()) {
      if (schedule.completed) continue;
      if (first === undefined || schedule.at < first.at || (schedule.at === first.at && schedule.name < first.name)) first = schedule;
    }
    return first;
  }

  /** One-time schedules still to fire (recurring ones always have a next occurrence). */
  get size(): number {
    return [...this.schedules.values()].filter((schedule) => !schedule.completed && schedule.recurring === undefined).length;
  }

  /**
   * Fires a schedule: invokes its target, retrying up to its retry policy; then a one-time
   * schedule is deleted (or kept completed), a recurring one waits for its next occurrence.
   */
  async fire(schedule: LocalSchedule, invoke: (input: unknown, target: string | undefined) => Promise<unknown>): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= schedule.maxRetries; attempt++) {
      try {
        await invoke(JSON.parse(schedule.input), schedule.target);
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError !== undefined) this.deadLetters.push({ ...schedule, error: String(lastError) });
    const { recurring } = schedule;
    if (recurring !== undefined) {
      const at = nextCronOccurrence(recurring.expression, recurring.timezone, schedule.at);
      this.schedules.set(key(schedule.group, schedule.name), { ...schedule, at });
    } else if (schedule.keptAfterCompletion) this.schedules.set(key(schedule.group, schedule.name), { ...schedule, completed: true });
    else this.schedules.delete(key(schedule.group, schedule.name));
    this.save();
  }

  /** A schedule that disappears without firing (the chaos run's "deleted schedule" fault). */
  async drop(schedule: LocalSchedule): Promise<void> {
    this.schedules.delete(key(schedule.group, schedule.name));
    this.save();
  }

  private save(): void {
    writeJson(this.file, [...this.schedules.values()]);
  }
}

const key = (group: string, name: string) => `${group}/${name}`;
