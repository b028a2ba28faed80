/**
 * A stand-in for EventBridge Scheduler at its API boundary: it receives the production
 * CreateSchedule/DeleteSchedule commands and enforces AWS's documented rules (name length and
 * characters, `at(yyyy-mm-ddThh:mm:ss)`, FlexibleTimeWindow, 409 for an existing name, 404 for a
 * missing one). Due schedules are fired by the local runtime, retried per their retry policy and
 * deleted afterwards with ActionAfterCompletion DELETE (else kept, completed, their name taken);
 * exhausted ones land in a dead-letter list. Each fires its own target.
 */

import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { readJson, writeJson } from './json-files.ts';

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
}

const NAME = /^[0-9a-zA-Z._-]{1,64}$/;
const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;

export class LocalScheduler {
  private readonly schedules = new Map<string, LocalSchedule>();
  readonly deadLetters: Array<LocalSchedule & { error: string }> = [];

  constructor(private readonly file: string | undefined) {
    for (const schedule of readJson<LocalSchedule[]>(file) ?? []) this.schedules.set(key(schedule.group, schedule.name), schedule);
  }

  async send(command: unknown): Promise<Record<string, unknown>> {
    if (command instanceof CreateScheduleCommand) {
      const input = command.input;
      const invalid = (message: string) => new ValidationException({ message, Message: message, $metadata: {} });
      if (!NAME.test(input.Name ?? '')) throw invalid(`Name must be 1-64 characters of [0-9a-zA-Z-_.]: ${input.Name}`);
      if (!NAME.test(input.GroupName ?? 'default'))
        throw invalid(`GroupName must be 1-64 characters of [0-9a-zA-Z-_.]: ${input.GroupName}`);
      const at = AT.exec(input.ScheduleExpression ?? '');
      if (at === null) throw invalid(`Invalid Schedule Expression ${input.ScheduleExpression}: expected at(yyyy-mm-ddThh:mm:ss)`);
      if (input.ScheduleExpressionTimezone !== 'UTC') throw invalid('this stand-in expects ScheduleExpressionTimezone UTC');
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
        at: Date.parse(`${at[1]}Z`),
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

  /** The schedule that fires first, if any. */
  earliest(): LocalSchedule | undefined {
    let first: LocalSchedule | undefined;
    for (const schedule of this.schedules.values()) {
      if (schedule.completed) continue;
      if (first === undefined || schedule.at < first.at || (schedule.at === first.at && schedule.name < first.name)) first = schedule;
    }
    return first;
  }

  /** Schedules still to fire. */
  get size(): number {
    return [...this.schedules.values()].filter((schedule) => !schedule.completed).length;
  }

  /**
   * Fires a schedule: invokes its target, retrying up to its retry policy, then deletes it (every
   * schedule here is one-shot with ActionAfterCompletion DELETE).
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
    if (schedule.keptAfterCompletion) this.schedules.set(key(schedule.group, schedule.name), { ...schedule, completed: true });
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
