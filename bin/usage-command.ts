/**
 * `sla usage --org ID [--period 2027-01] [--csv]`: an organisation's usage statement through the
 * API (the typed client), printed for people: the minutes, each invoice line and the total; with
 * `--csv` the API's CSV as it is, with `--json` its JSON. Takes `--api` and `--token` as
 * `sla webhooks` does.
 */

import { parseArgs } from 'node:util';
import { formatMinorUnits } from '#shared/billing/money.ts';
import { formatDuration, MINUTE_MS } from '#shared/time/duration.ts';
import type { Schema } from '../client/index.ts';
import { answered, apiClient, call } from './api-client.ts';
import { InputError, type Io, required, SWITCH, UsageError, VALUE } from './cli-input.ts';

type Statement = Schema<'UsageStatement'>;

export async function usage(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { api: VALUE, token: VALUE, org: VALUE, period: VALUE, csv: SWITCH, json: SWITCH },
  });
  if (values.csv && values.json) throw new UsageError('usage takes --csv or --json, not both');
  const id = required(values.org, '--org');
  const sla = apiClient(values, env);
  const params = { path: { id }, query: { ...(values.period !== undefined && { period: values.period }) } };
  if (values.csv) {
    const csv = answered(await call(sla.GET('/orgs/{id}/usage', { params, headers: { accept: 'text/csv' }, parseAs: 'text' })));
    io.stdout(csv);
    return 0;
  }
  const statement = answered(await call(sla.GET('/orgs/{id}/usage', { params, headers: { accept: 'application/json' } })));
  if (typeof statement === 'string') throw new InputError('the API answered text where a statement was asked for');
  io.stdout(values.json ? `${JSON.stringify(statement)}\n` : readable(statement));
  return 0;
}

/** The statement for people: one line per fact, then the invoice lines and the total. */
export function readable(s: Statement): string {
  const time = (minutes: number) => formatDuration(minutes * MINUTE_MS);
  const money = (minor: number, currency: string) => `${formatMinorUnits(minor, currency)} ${currency}`;
  const lines = [
    `Usage of ${s.org}, ${s.period} (${s.status}): ${s.start} to ${s.end}, counted in ${s.zone}`,
    `Tier ${s.tier}: ${time(s.includedMinutes)} included, ${time(s.carriedInMinutes)} carried in, ${time(s.usedMinutes)} used`,
    `Overage ${time(s.overageMinutes)}, billed ${time(s.billedOverageMinutes)}; carried out ${time(s.carriedOutMinutes)}`,
    `Paid tickets ${time(s.paidMinutes)}; covered by the plan ${time(s.coveredMinutes)}; not billable ${time(s.nonBillableMinutes)}`,
    ...(s.lines.length === 0
      ? ['No invoice lines']
      : s.lines.map(
          (line) =>
            `  ${line.kind.padEnd(10)} ${line.description}  ${line.quantity} ${line.unit} (${line.minutes} min) × ${money(line.unitPrice, line.currency)} = ${money(line.amount, line.currency)}`,
        )),
    `Total ${money(s.total, s.currency)}`,
    `Included time used: ${s.alerts.at100 ? '100 % reached' : s.alerts.at80 ? '80 % reached' : 'under 80 %'}`,
  ];
  return `${lines.join('\n')}\n`;
}
