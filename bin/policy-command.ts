/**
 * `sla policy push <file> [--id ID] [--dry-run] [--json]` and `sla policy pull <id> [--version N]`
 * against a running API (the typed client; `--api` and `--token` as `sla webhooks` takes them).
 *
 * push publishes the file as a new policy (version 1) when no policy has its id, else as the next
 * version; `--id` publishes it under another id (the document's own `id` is replaced); `--dry-run`
 * prints what would change and stores nothing. The file is sent as YAML, as written. pull prints a
 * version's document (default: the latest) as YAML.
 */

import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import type { Schema } from '../client/index.ts';
import { answered, apiClient, call } from './api-client.ts';
import { InputError, type Io, readText, SWITCH, UsageError, VALUE } from './cli-input.ts';

type DryRun = Schema<'PolicyDryRun'>;
type Version = Schema<'PolicyVersion'>;

export async function policy(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'push') return push(rest, io, env);
  if (sub === 'pull') return pull(rest, io, env);
  throw new UsageError(`policy takes push or pull${sub === undefined ? '' : `, not "${sub}"`}`);
}

async function push(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: { api: VALUE, token: VALUE, id: VALUE, 'dry-run': SWITCH, json: SWITCH },
  });
  if (positionals.length !== 1) throw new UsageError('policy push takes one file');
  const text = readText(positionals[0] as string);
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new InputError(`${positionals[0]}: not YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const written = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  const id = values.id ?? (typeof written.id === 'string' ? written.id : undefined);
  if (id === undefined) throw new InputError(`${positionals[0]}: no id in the file; give one with --id`);
  const sla = apiClient(values, env);
  // As written (YAML), unless --id renames it (then JSON, with that id).
  const sent = values.id === undefined ? text : JSON.stringify({ ...written, id });
  const contentType = values.id === undefined ? 'application/yaml' : 'application/json';
  const exists = (await call(sla.GET('/policies/{id}', { params: { path: { id } } }))).response.ok;
  const query = values['dry-run'] ? { dryRun: 'true' as const } : {};
  const options = {
    body: {} as Record<string, never>,
    bodySerializer: () => sent,
    headers: { 'content-type': contentType },
  };
  const answer = exists
    ? await call(sla.POST('/policies/{id}/versions', { params: { path: { id }, query }, ...options }))
    : await call(sla.POST('/policies', { params: { query }, ...options }));
  const body = answered(answer) as DryRun | Version;
  if (values.json) io.stdout(`${JSON.stringify(body)}\n`);
  else io.stdout('dryRun' in body ? readableDryRun(body) : readableVersion(body));
  return 0;
}

async function pull(argv: readonly string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: { api: VALUE, token: VALUE, version: VALUE },
  });
  if (positionals.length !== 1) throw new UsageError('policy pull takes one policy id');
  const id = positionals[0] as string;
  const sla = apiClient(values, env);
  if (values.version !== undefined && !/^\d{1,9}$/.test(values.version)) throw new UsageError('--version takes a version number');
  const document =
    values.version === undefined
      ? answered(await call(sla.GET('/policies/{id}', { params: { path: { id } } })))
      : answered(await call(sla.GET('/policies/{id}/versions/{version}', { params: { path: { id, version: values.version } } }))).document;
  io.stdout(stringify(document));
  return 0;
}

function readableVersion(v: Version): string {
  const replan =
    v.replan === undefined
      ? ''
      : `\nre-plan of open tickets: ${v.replan.state}, ${v.replan.examined} looked at, ${v.replan.replanned} re-planned, ${v.replan.failed} failed`;
  return `published ${v.id} v${v.version} (${v.name}) at ${v.publishedAt} by ${v.publishedBy}${v.calendarsChanged ? '; calendars changed' : ''}${replan}\n`;
}

function readableDryRun(d: DryRun): string {
  const lines = [
    `dry run: ${d.id} v${d.version}${d.previous === undefined ? ' (a new policy)' : ` against v${d.previous}`}; nothing stored`,
    ...(['severities', 'tiers', 'regions'] as const).flatMap((what) => [
      ...(d[what].added.length > 0 ? [`${what} added: ${d[what].added.join(', ')}`] : []),
      ...(d[what].removed.length > 0 ? [`${what} removed: ${d[what].removed.join(', ')}`] : []),
    ]),
    `new tickets: ${d.changes.length} plans differ at the samples (${d.samples.map((s) => `${s.label} ${s.at}`).join(', ')}), ${d.unchanged} unchanged`,
    ...d.changes.map(
      (c) =>
        `  ${c.severity}/${c.tier}${c.region === undefined ? '' : `/${c.region}`} ${c.sample}: ${c.before.map((x) => `${x.kind} ${x.due}`).join(', ') || 'none'} → ${c.after.map((x) => `${x.kind} ${x.due}`).join(', ') || 'none'}`,
    ),
    d.calendarsChanged.length === 0
      ? 'calendars: unchanged (open tickets keep their deadlines)'
      : `calendars changed: ${d.calendarsChanged.join(', ')}; open tickets whose deadlines move: ${d.openTickets.moved} of ${d.openTickets.examined}${d.openTickets.complete ? '' : ' looked at (not all)'}`,
    ...d.openTickets.examples.map((e) => `  case ${e.caseId} (${e.org}) ${e.deadline}: ${e.before} → ${e.after ?? 'paused'}`),
  ];
  return `${lines.join('\n')}\n`;
}
