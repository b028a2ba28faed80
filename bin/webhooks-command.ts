/**
 * `sla webhooks …`: webhook endpoints through the API, on the typed client (client/index.ts).
 *
 *   sla webhooks register --url URL --events E1,E2 [--description D] [--contact EMAIL]
 *   sla webhooks list [--org ID]
 *   sla webhooks show|pause|resume|delete|rotate-secret ID
 *   sla webhooks deliveries ID [--limit N] [--cursor C]
 *   sla webhooks replay ID EVENT_ID
 *
 * Every command takes `--api URL` (default `$SLA_API_URL`, else http://127.0.0.1:3000), `--token T`
 * (default `$SLA_TOKEN`; `sla token` makes one for the local stack) and `--json` (the API's
 * answer as it is). A refusal by the API exits 1 with its detail and each bad field's path.
 */

import { parseArgs } from 'node:util';
import type { Schema } from '../client/index.ts';
import { answered, apiClient, call } from './api-client.ts';
import { type Io, required, SWITCH, UsageError, VALUE } from './cli-input.ts';

const COMMANDS = ['register', 'list', 'show', 'pause', 'resume', 'delete', 'rotate-secret', 'deliveries', 'replay'] as const;
type Command = (typeof COMMANDS)[number];

const OPTIONS = {
  api: VALUE,
  token: VALUE,
  json: SWITCH,
  url: VALUE,
  events: VALUE,
  description: VALUE,
  contact: VALUE,
  org: VALUE,
  limit: VALUE,
  cursor: VALUE,
} as const;

/** What each command takes besides `--api`, `--token` and `--json`: its positionals, then its own options. */
const TAKES: Record<Command, { positionals: readonly string[]; options: readonly (keyof typeof OPTIONS)[] }> = {
  register: { positionals: [], options: ['url', 'events', 'description', 'contact'] },
  list: { positionals: [], options: ['org'] },
  show: { positionals: ['ID'], options: [] },
  pause: { positionals: ['ID'], options: [] },
  resume: { positionals: ['ID'], options: [] },
  delete: { positionals: ['ID'], options: [] },
  'rotate-secret': { positionals: ['ID'], options: [] },
  deliveries: { positionals: ['ID'], options: ['limit', 'cursor'] },
  replay: { positionals: ['ID', 'EVENT_ID'], options: [] },
};

type Endpoint = Schema<'WebhookEndpoint'>;

export async function webhooks(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = argv;
  if (!COMMANDS.includes(sub as Command)) throw new UsageError(`unknown webhooks command "${sub ?? ''}" (${COMMANDS.join(', ')})`);
  const command = sub as Command;
  const { values, positionals } = parseArgs({ args: rest, strict: true, allowPositionals: true, options: OPTIONS });
  const takes = TAKES[command];
  if (positionals.length !== takes.positionals.length)
    throw new UsageError(`webhooks ${command} takes ${takes.positionals.join(' ') || 'no arguments'}`);
  const extra = Object.keys(values).find(
    (name) => !['api', 'token', 'json'].includes(name) && !takes.options.includes(name as keyof typeof OPTIONS),
  );
  if (extra !== undefined) throw new UsageError(`webhooks ${command} does not take --${extra}`);

  const sla = apiClient(values, env);
  const [id = '', eventId = ''] = positionals;
  const path = { params: { path: { id } } };
  const print = (text: string, body: unknown) => io.stdout(values.json ? `${JSON.stringify(body)}\n` : `${text}\n`);

  switch (command) {
    case 'register': {
      const body = {
        url: required(values.url, '--url'),
        events: eventsOf(required(values.events, '--events')),
        ...(values.description !== undefined && { description: values.description }),
        ...(values.contact !== undefined && { contact: values.contact }),
      };
      const created = answered(await call(sla.POST('/webhooks', { body })));
      print(`${describe(created)}\nsecret ${created.secret}  (shown only now: keep it where the receiver verifies signatures)`, created);
      return 0;
    }
    case 'list': {
      const items: Endpoint[] = [];
      let cursor: string | undefined;
      do {
        const query = { ...(values.org !== undefined && { org: values.org }), ...(cursor !== undefined && { cursor }), limit: 100 };
        const page = answered(await call(sla.GET('/webhooks', { params: { query } })));
        items.push(...page.items);
        cursor = page.cursor;
      } while (cursor !== undefined);
      print(items.length === 0 ? 'no webhook endpoints' : items.map(describe).join('\n'), { items });
      return 0;
    }
    case 'show': {
      const endpoint = answered(await call(sla.GET('/webhooks/{id}', path)));
      io.stdout(`${JSON.stringify(endpoint, null, values.json ? undefined : 2)}\n`);
      return 0;
    }
    case 'pause':
    case 'resume': {
      const state = command === 'pause' ? 'paused' : 'active';
      const endpoint = answered(await call(sla.PATCH('/webhooks/{id}', { ...path, body: { state } })));
      print(describe(endpoint), endpoint);
      return 0;
    }
    case 'delete': {
      answered(await call(sla.DELETE('/webhooks/{id}', path)));
      print(`deleted ${id}`, { deleted: id });
      return 0;
    }
    case 'rotate-secret': {
      const rotated = answered(await call(sla.POST('/webhooks/{id}/secret', path)));
      const until = rotated.secrets[1]?.expiresAt;
      print(`secret ${rotated.secret}  (shown only now${until === undefined ? '' : `; the previous one signs until ${until}`})`, rotated);
      return 0;
    }
    case 'deliveries': {
      const query = {
        ...(values.limit !== undefined && { limit: Number(values.limit) }),
        ...(values.cursor !== undefined && { cursor: values.cursor }),
      };
      const log = answered(await call(sla.GET('/webhooks/{id}/deliveries', { params: { path: { id }, query } })));
      const lines = log.items.map(describeDelivery);
      if (log.cursor !== undefined) lines.push(`more: --cursor ${log.cursor}`);
      print(lines.length === 0 ? 'no deliveries' : lines.join('\n'), log);
      return 0;
    }
    case 'replay': {
      const replayed = answered(await call(sla.POST('/webhooks/{id}/deliveries/{eventId}/replay', { params: { path: { id, eventId } } })));
      print(`replaying ${replayed.eventId} to ${id}: ${replayed.state}, next attempt ${replayed.nextAttemptAt ?? 'none'}`, replayed);
      return 0;
    }
  }
}

function eventsOf(list: string): Array<Endpoint['events'][number]> {
  return list.split(',').map((event) => event.trim()) as Array<Endpoint['events'][number]>;
}

function describe(endpoint: Endpoint): string {
  const owner = endpoint.scope === 'staff' ? 'staff' : `org ${endpoint.org ?? '?'}`;
  const state = endpoint.pausedBecause === undefined ? endpoint.state : `${endpoint.state} (${endpoint.pausedBecause})`;
  return `${endpoint.id}  ${state}  ${owner}  ${endpoint.url}  ${endpoint.events.join(',')}`;
}

function describeDelivery(delivery: Schema<'WebhookDelivery'>): string {
  const last = delivery.attempts.at(-1);
  const outcome = last === undefined ? 'no attempt' : last.status !== undefined ? `HTTP ${last.status}` : (last.error ?? '?');
  const next = delivery.nextAttemptAt === null ? '' : `, next ${delivery.nextAttemptAt}`;
  const skipped = delivery.skipped === undefined ? '' : ` (${delivery.skipped})`;
  return `${delivery.createdAt}  ${delivery.eventId}  ${delivery.eventType}  ${delivery.state}${skipped}  ${delivery.attempts.length} attempts, last: ${outcome}${next}`;
}
