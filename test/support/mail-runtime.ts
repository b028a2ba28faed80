/** The local stack as the e-mail tests drive it: a fresh table, a manual clock, the API, and raw mail to receive. */

import { inject } from 'vitest';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalRuntime, type LocalRuntimeOptions } from '../../infra/local/lib/local-runtime.ts';
import { caller } from './api-events.ts';
import { freshTable } from './test-table.ts';

/** Mon 2 Mar 2026 14:00Z, when the e-mail tests' clocks start. */
export const MAIL_START = Date.parse('2026-03-02T14:00:00Z');

/** The local stack on a fresh table (named after `prefix`), its clock manual from `MAIL_START` unless `options` give one. */
export async function mailRuntime(
  prefix: string,
  options: Omit<Partial<LocalRuntimeOptions>, 'dynamoEndpoint' | 'table'> = {},
): Promise<{ runtime: LocalRuntime; call: ReturnType<typeof caller> }> {
  const { name: table } = await freshTable(prefix);
  const runtime = new LocalRuntime({
    clock: new LocalClock('manual', MAIL_START),
    ...options,
    dynamoEndpoint: inject('dynamoEndpoint'),
    table,
  });
  return { runtime, call: caller(runtime.api) };
}

/** A plain-text message to our support address, with these headers (From, Subject, Message-ID, …) and body. */
export function mime(headers: Record<string, string>, body: string): Buffer {
  const all = {
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    Date: 'Mon, 02 Mar 2026 14:00:00 +0000',
    To: 'support@sla-escalator.local',
    ...headers,
  };
  const head = Object.entries(all)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  return Buffer.from(`${head}\r\n\r\n${body}\r\n`);
}

/** The header that makes the local SES stand-in give a message this DMARC verdict (`GRAY`, `FAIL; p=none`, …). */
export function dmarc(verdict: string): Record<string, string> {
  return { 'X-Local-Verdict-Dmarc': verdict };
}
