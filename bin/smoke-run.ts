/**
 * The post-deploy smoke test against a deployed stage: read the service stack's outputs, open a
 * ticket through the API, see its schedules in the schedule group, fire a test alarm (and set it
 * back), optionally mail the support address, then resolve the ticket. Deletes nothing; touches
 * only what it created (and the one alarm, which it returns to OK).
 *
 * The API token comes from the environment: Cognito requires MFA (a TOTP code), so a scripted
 * sign-in is impractical; sign in once (e.g. the hosted UI or `aws cognito-idp initiate-auth` +
 * `respond-to-auth-challenge`) and export the ID token.
 */

import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { type CloudWatchClient, DescribeAlarmHistoryCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { ListSchedulesCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

export interface SmokeOptions {
  readonly stage: string;
  readonly mailToSupport: boolean;
  /** The ticket's severity (the org's policy must know it). */
  readonly severity: string;
  /** For an agent's token: the org to open the ticket for. */
  readonly org?: string | undefined;
}

export interface SmokeDeps {
  readonly cloudFormation: Pick<CloudFormationClient, 'send'>;
  readonly scheduler: Pick<SchedulerClient, 'send'>;
  readonly cloudWatch: Pick<CloudWatchClient, 'send'>;
  readonly ses: Pick<SESv2Client, 'send'>;
  readonly fetch: typeof fetch;
  readonly token: string | undefined;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /** Names this run (ticket subject, idempotency key, alarm reason). */
  readonly runId: string;
}

/** 0: every check passed; 1: a check failed; 2: the smoke test could not start (usage, token, stack). */
export type SmokeExit = 0 | 1 | 2;

/** How long to wait for schedule-sync to create a new ticket's schedules. */
export const SCHEDULE_POLLS = 10;
export const SCHEDULE_POLL_MS = 3_000;
/** How long to wait for the test alarm's action (its publish to the ops topic) to be recorded. */
export const ALARM_ACTION_POLLS = 10;
export const ALARM_ACTION_POLL_MS = 3_000;

const OUTPUTS = ['ApiUrl', 'ScheduleGroupName', 'SmokeAlarmName', 'SupportAddress'] as const;
type Outputs = Record<(typeof OUTPUTS)[number], string>;

class SetupError extends Error {}

export async function runSmoke(options: SmokeOptions, deps: SmokeDeps): Promise<SmokeExit> {
  let failed = false;
  const check = (ok: boolean, what: string) => {
    deps.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failed = true;
  };
  try {
    if (deps.token === undefined || deps.token === '')
      throw new SetupError('SLA_SMOKE_TOKEN is not set (an ID token of a user who may open tickets)');
    const outputs = await stackOutputs(deps, `SlaEscalator-${options.stage}-Service`);
    check(true, `stack outputs: API ${outputs.ApiUrl}, schedule group ${outputs.ScheduleGroupName}`);
    const api = apiClient(deps, outputs.ApiUrl);

    const created = await api('POST', '/tickets', {
      subject: `[smoke] ${deps.runId}`,
      description: 'Post-deploy smoke test (npm run smoke); it resolves this ticket itself.',
      severity: options.severity,
      ...(options.org !== undefined && { org: options.org }),
    });
    const caseId = created.status === 201 ? (created.body as { caseId?: unknown }).caseId : undefined;
    check(
      typeof caseId === 'number',
      `open a ticket: ${created.status}${typeof caseId === 'number' ? `, case ${caseId}` : ` ${JSON.stringify(created.body)}`}`,
    );
    try {
      if (typeof caseId === 'number') check(...(await schedulesOf(deps, outputs.ScheduleGroupName, caseId)));
      check(...(await testAlarm(deps, outputs.SmokeAlarmName)));
      if (options.mailToSupport) check(...(await mailSupport(deps, outputs.SupportAddress)));
    } finally {
      if (typeof caseId === 'number') {
        const resolved = await api('PATCH', `/tickets/${caseId}`, { status: 'resolved' });
        check(resolved.status === 200, `resolve case ${caseId}: ${resolved.status}`);
      }
    }
  } catch (error) {
    if (error instanceof SetupError) {
      deps.log(`smoke test not run: ${error.message}`);
      return 2;
    }
    check(false, `unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  }
  deps.log(failed ? 'smoke test FAILED' : 'smoke test passed');
  return failed ? 1 : 0;
}

async function stackOutputs(deps: SmokeDeps, stackName: string): Promise<Outputs> {
  let stack: { Outputs?: Array<{ OutputKey?: string; OutputValue?: string }> } | undefined;
  try {
    stack = (await deps.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
  } catch (error) {
    throw new SetupError(`cannot read stack ${stackName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const found = new Map((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  const missing = OUTPUTS.filter((key) => !found.get(key));
  if (stack === undefined || missing.length > 0)
    throw new SetupError(`stack ${stackName} lacks outputs ${missing.join(', ')} (deployed from this version?)`);
  return Object.fromEntries(OUTPUTS.map((key) => [key, found.get(key) as string])) as Outputs;
}

function apiClient(deps: SmokeDeps, base: string) {
  return async (method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> => {
    const response = await deps.fetch(`${base.replace(/\/$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${deps.token}`,
        'content-type': 'application/json',
        'idempotency-key': `smoke-${deps.runId}-${method}`,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed };
  };
}

/** schedule-sync works from the stream, so the schedules appear a few seconds after the ticket. */
async function schedulesOf(deps: SmokeDeps, group: string, caseId: number): Promise<[boolean, string]> {
  const prefix = `sla-${caseId}-`;
  for (let poll = 1; poll <= SCHEDULE_POLLS; poll++) {
    const { Schedules = [] } = await deps.scheduler.send(new ListSchedulesCommand({ GroupName: group, NamePrefix: prefix }));
    if (Schedules.length > 0) return [true, `schedules of case ${caseId} in ${group}: ${Schedules.map((s) => s.Name).join(', ')}`];
    if (poll < SCHEDULE_POLLS) await deps.sleep(SCHEDULE_POLL_MS);
  }
  return [false, `schedules of case ${caseId}: none named ${prefix}* in ${group} after ${(SCHEDULE_POLLS * SCHEDULE_POLL_MS) / 1000} s`];
}

/**
 * The alarm goes to ALARM and straight back to OK. Setting the state succeeds even when the alarm
 * cannot reach the ops topic, so the smoke test reads the alarm's action history: CloudWatch
 * records each action it ran, and a publish it was refused shows as "Failed to execute action
 * ..." (https://repost.aws/knowledge-center/cloudwatch-receive-sns-for-alarm-trigger,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html).
 */
async function testAlarm(deps: SmokeDeps, alarmName: string): Promise<[boolean, string]> {
  const reason = `sla-escalator smoke test ${deps.runId}: not a real incident`;
  // A minute's margin for a local clock running ahead of CloudWatch's.
  const since = new Date(deps.now().getTime() - 60_000);
  try {
    await deps.cloudWatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'ALARM', StateReason: reason }));
  } catch (error) {
    return [false, `fire test alarm ${alarmName}: ${error instanceof Error ? error.message : String(error)}`];
  }
  const action = await alarmAction(deps, alarmName, since).catch((error): [boolean, string] => [
    false,
    `action history of ${alarmName}: ${error instanceof Error ? error.message : String(error)}`,
  ]);
  try {
    await deps.cloudWatch.send(new SetAlarmStateCommand({ AlarmName: alarmName, StateValue: 'OK', StateReason: `${reason} (reset)` }));
  } catch (error) {
    return [false, `reset test alarm ${alarmName} to OK: ${error instanceof Error ? error.message : String(error)}`];
  }
  return action;
}

/** The newest action the alarm ran since `since`: delivered unless CloudWatch says it failed. */
async function alarmAction(deps: SmokeDeps, alarmName: string, since: Date): Promise<[boolean, string]> {
  for (let poll = 1; poll <= ALARM_ACTION_POLLS; poll++) {
    const { AlarmHistoryItems = [] } = await deps.cloudWatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: alarmName, HistoryItemType: 'Action', StartDate: since, ScanBy: 'TimestampDescending' }),
    );
    const summary = AlarmHistoryItems[0]?.HistorySummary;
    if (summary !== undefined) {
      return summary.startsWith('Failed to execute action')
        ? [false, `test alarm ${alarmName} did not reach the ops topic: ${summary}`]
        : [true, `test alarm ${alarmName} fired and reset (${summary}): expect a mail at the ops address`];
    }
    if (poll < ALARM_ACTION_POLLS) await deps.sleep(ALARM_ACTION_POLL_MS);
  }
  return [false, `test alarm ${alarmName}: no action recorded after ${(ALARM_ACTION_POLLS * ALARM_ACTION_POLL_MS) / 1000} s`];
}

async function mailSupport(deps: SmokeDeps, supportAddress: string): Promise<[boolean, string]> {
  const from = `smoke-test@${supportAddress.split('@')[1]}`;
  try {
    const { MessageId } = await deps.ses.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [supportAddress] },
        Content: {
          Simple: {
            Subject: { Data: `[smoke] ${deps.runId} test mail` },
            Body: { Text: { Data: 'Post-deploy smoke test of the inbound mail path (npm run smoke -- --mail-to-support).' } },
          },
        },
      }),
    );
    return [true, `test mail ${MessageId} sent from ${from} to ${supportAddress}: look for it as a ticket or as held mail`];
  } catch (error) {
    return [false, `test mail to ${supportAddress}: ${error instanceof Error ? error.message : String(error)}`];
  }
}
