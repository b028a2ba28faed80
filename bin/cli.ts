/**
 * `sla`: the dry-run tool for people who write policies.
 *
 *   sla validate <preset|file>
 *   sla plan --policy <preset|file> --severity S --tier T [--region R] --at ISO [--json]
 *   sla calendar add --calendar <file> --at ISO --minutes N [--json]
 *   sla calendar add --calendar <file> --batch            (JSON lines {"at","minutes"} on stdin)
 *   sla calendar between --calendar <file> --from ISO --to ISO
 *   sla token --role admin|agent|customer [--org ID] [--sub ID]   (a token for the local stack)
 *   sla redrive …, sla backfill-due …, sla backfill-outcomes …   (operations on a deployment: see ops.ts)
 *   sla webhooks register|list|show|pause|resume|delete|rotate-secret|deliveries|replay …   (see webhooks-command.ts)
 *   sla usage --org ID [--period 2027-01] [--csv | --json]   (see usage-command.ts)
 *   sla policy push FILE [--id ID] [--dry-run] | pull ID [--version N]   (see policy-command.ts)
 *
 * `--policy P --calendar NAME` takes a named calendar from a policy instead of a file.
 * Exit status: 0 ok, 1 invalid input (file, policy, calendar, batch line), 2 usage error.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import '#shared/calendar/holiday-rules.ts';
import { calendarSpecSchema } from '#shared/calendar/calendar-schema.ts';
import { DomainError } from '#shared/domain-error.ts';
import { isPresetId, loadPreset } from '#shared/policies/presets.ts';
import { parseConfig } from '#shared/policy/load-config.ts';
import { parsePolicy } from '#shared/policy/parse-policy.ts';
import type { Policy } from '#shared/policy/policy.ts';
import { InvalidConfigError } from '#shared/policy/policy-error.ts';
import type { Deadline } from '#shared/sla/deadline.ts';
import { previewDeadlines, previewPlan } from '#shared/sla/plan-preview.ts';
import { formatDuration } from '#shared/time/duration.ts';
import { formatInstant } from '#shared/time/instant.ts';
import { signLocalToken } from '../infra/local/lib/local-auth.ts';
import { calendar } from './calendar-command.ts';
import { InputError, type Io, instant, policyOf, readText, required, SWITCH, UsageError, VALUE } from './cli-input.ts';
import { awsRedriveClients, backfillDue, backfillOutcomeItems, redriveLocal, redriveQueue } from './ops.ts';
import { policy } from './policy-command.ts';
import { usage } from './usage-command.ts';
import { webhooks } from './webhooks-command.ts';

const USAGE = `usage:
  sla validate <preset|file>
  sla plan --policy <preset|file> --severity S --tier T [--region R] --at ISO [--json]
  sla calendar add (--calendar <file> | --policy P --calendar NAME) --at ISO --minutes N [--json]
  sla calendar add (--calendar <file> | --policy P --calendar NAME) --batch   < {"at","minutes"} lines
  sla calendar between (--calendar <file> | --policy P --calendar NAME) --from ISO --to ISO
  sla token --role admin|agent|customer [--org ID] [--sub ID]
  sla redrive --queue-url URL --function NAME|ARN [--region R] [--max N]
  sla redrive --local [--url http://127.0.0.1:3000] [--token ADMIN_TOKEN]
  sla backfill-due --table NAME [--region R] [--endpoint URL] [--cursor C]
  sla backfill-outcomes --table NAME [--region R] [--endpoint URL] [--cursor C]
  sla webhooks register --url URL --events E1,E2 [--description D] [--contact EMAIL]
  sla webhooks list [--org ID]
  sla webhooks show|pause|resume|delete|rotate-secret ID
  sla webhooks deliveries ID [--limit N] [--cursor C]
  sla webhooks replay ID EVENT_ID
  sla webhooks … [--api URL] [--token T] [--json]   (defaults: $SLA_API_URL or http://127.0.0.1:3000, $SLA_TOKEN)
  sla usage --org ID [--period 2027-01] [--csv | --json] [--api URL] [--token T]
  sla policy push FILE [--id ID] [--dry-run] [--json] [--api URL] [--token T]
  sla policy pull ID [--version N] [--api URL] [--token T]`;

export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'validate':
        return validate(rest, io);
      case 'plan':
        return plan(rest, io);
      case 'calendar':
        return calendar(rest, io);
      case 'token':
        return await token(rest, io);
      case 'redrive':
        return await redrive(rest, io);
      case 'backfill-due':
        return await backfill(rest, io, backfillDue);
      case 'backfill-outcomes':
        return await backfill(rest, io, backfillOutcomeItems);
      case 'webhooks':
        return await webhooks(rest, io);
      case 'usage':
        return await usage(rest, io);
      case 'policy':
        return await policy(rest, io);
      case undefined:
      case '--help':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`sla: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof InputError || error instanceof InvalidConfigError || error instanceof DomainError) {
      io.stderr(`sla: ${error.message.replaceAll('\n', '\nsla: ')}\n`);
      return 1;
    }
    if (isArgsError(error)) {
      io.stderr(`sla: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`sla: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 70;
  }
}

function validate(argv: readonly string[], io: Io): number {
  const { positionals } = parseArgs({ args: [...argv], allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('validate takes one preset or file');
  const target = positionals[0] as string;
  if (isPresetId(target)) loadPreset(target);
  else {
    const text = readText(target);
    if (looksLikeCalendar(text)) parseConfig(calendarSpecSchema, text, target);
    else parsePolicy(text, target);
  }
  io.stdout('ok\n');
  return 0;
}

/** A bearer token for the local stack, signed with the key in $SLA_DATA_DIR (default .data/). */
async function token(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { role: VALUE, org: VALUE, sub: VALUE },
  });
  const role = required(values.role, '--role');
  if (role !== 'admin' && role !== 'agent' && role !== 'customer') throw new UsageError('--role: expected admin, agent or customer');
  if (role === 'customer' && values.org === undefined) throw new UsageError('--org is required for a customer token');
  const dataDir = resolve(process.env.SLA_DATA_DIR ?? '.data');
  io.stdout(`${await signLocalToken(dataDir, { role, org: values.org, sub: values.sub })}\n`);
  return 0;
}

async function redrive(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      local: SWITCH,
      url: { ...VALUE, default: 'http://127.0.0.1:3000' },
      token: VALUE,
      'queue-url': VALUE,
      function: VALUE,
      region: VALUE,
      max: { ...VALUE, default: '1000' },
    },
  });
  if (values.local) {
    const token = values.token ?? (await signLocalToken(resolve(process.env.SLA_DATA_DIR ?? '.data'), { role: 'admin' }));
    io.stdout(`redrive: ${await redriveLocal(values.url, token)} parked deadlines queued for notify again\n`);
    return 0;
  }
  const max = Number(values.max);
  if (!(Number.isInteger(max) && max > 0)) throw new UsageError('--max: expected a positive whole number');
  const outcome = await redriveQueue(awsRedriveClients(values.region), {
    queueUrl: required(values['queue-url'], '--queue-url'),
    functionName: required(values.function, '--function'),
    max,
  });
  io.stdout(`redrive: ${outcome.redriven} parked deadlines handed to notify again\n`);
  if (outcome.unreadable.length > 0) io.stderr(`sla: left in the queue, not a parked deadline: ${outcome.unreadable.join(', ')}\n`);
  return outcome.unreadable.length > 0 ? 1 : 0;
}

async function backfill(argv: readonly string[], io: Io, run: typeof backfillDue): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { table: VALUE, region: VALUE, endpoint: VALUE, cursor: VALUE },
  });
  await run({ ...values, table: required(values.table, '--table') }, (line) => io.stdout(`${line}\n`));
  return 0;
}

function plan(argv: readonly string[], io: Io): number {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { policy: VALUE, severity: VALUE, tier: VALUE, region: VALUE, at: VALUE, json: SWITCH },
  });
  const policy = policyOf(required(values.policy, '--policy'));
  const request = {
    severity: required(values.severity, '--severity'),
    tier: required(values.tier, '--tier'),
    region: values.region,
    at: instant(required(values.at, '--at'), '--at'),
  };
  if (values.json) {
    io.stdout(`${JSON.stringify(previewPlan(policy, request))}\n`);
    return 0;
  }
  io.stdout(describePlan(policy, request, previewDeadlines(policy, request)));
  return 0;
}

function describePlan(
  policy: Policy,
  request: { severity: string; tier: string; region?: string | undefined; at: number },
  deadlines: readonly Deadline[],
): string {
  const region = policy.resolveRegion(request.region);
  const targets = policy.targets(request.severity, request.tier, region);
  const lines = [
    `${policy.spec.name} (${policy.id} v${policy.version}): ${request.severity} × ${request.tier}${region ? `, region ${region}` : ''}`,
    `opened ${formatInstant(request.at)}`,
  ];
  if (targets === undefined) {
    lines.push('', `tier "${request.tier}" has no SLA: no response target, nobody is paged.`);
    return `${lines.join('\n')}\n`;
  }
  lines[1] += `, clock on ${targets.clock.calendarName} (${targets.clock.calendar.zoneName}): ${targets.clock.calendar.formatLocal(request.at)}`;
  lines.push('');
  for (const d of deadlines) {
    const due = d.due as number;
    const what =
      d.kind === 'escalation'
        ? `escalation ${d.level}: ${actions(d)}`
        : d.kind === 'update'
          ? `update due (then every ${formatDuration(targets.update?.every ?? 0)}); if missed: ${actions(d)}`
          : `${d.kind} due; if missed: ${actions(d)}`;
    lines.push(`  ${`+${formatDuration(due - request.at)}`.padEnd(10)} ${formatInstant(due)}  ${what}`);
  }
  return `${lines.join('\n')}\n`;
}

function actions(d: Deadline): string {
  const parts: string[] = [];
  if (d.assign !== undefined) parts.push(`assign ${d.assign}`);
  if (d.page !== undefined && d.page.length > 0) parts.push(`page ${d.page.join(', ')}`);
  if (d.notify !== undefined && d.notify.length > 0) parts.push(`notify ${d.notify.join(', ')}`);
  return parts.join(' · ') || 'nothing';
}

function looksLikeCalendar(text: string): boolean {
  try {
    const doc = parseYaml(text) as unknown;
    return typeof doc === 'object' && doc !== null && 'hours' in doc && !('severities' in doc);
  } catch {
    return false;
  }
}

function isArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
