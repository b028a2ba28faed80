/**
 * `npm run bench [-- --json] [-- --n 100000]`: speed of the calendar engine beside a peer library,
 * both measured in this process on the same inputs, with the peer's answers checked against ours;
 * plus the planner's throughput. Not part of `npm test`: timings belong to benchmarks.
 *
 * Inputs: n random instants of 2026 (with seconds), +8 working hours, on Europe/Berlin
 * Mon–Fri 08:30–17:00 with Lower Saxony public holidays.
 */

import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import '#shared/calendar/holiday-rules.ts';
import { BusinessCalendar } from '#shared/calendar/business-calendar.ts';
import { calendarSpecSchema } from '#shared/calendar/calendar-schema.ts';
import type { CalendarSpec } from '#shared/calendar/calendar-spec.ts';
import { whoIsOnCall } from '#shared/oncall/rotation.ts';
import { loadPreset } from '#shared/policies/presets.ts';
import { planDeadlines } from '#shared/sla/plan-deadlines.ts';
import { HOUR_MS } from '#shared/time/duration.ts';
import { startDynamoDbLocal } from '../infra/local/lib/dynamodb-local.ts';
import { type ApiBenchmark, benchCreateTicket } from './api-create-ticket.ts';
import { type BurstBenchmark, benchBurst } from './burst.ts';
import { benchColdImports, COLD_IMPORT_RUNS, type ColdImport, median } from './cold-import.ts';
import { benchConsole, type ConsoleBenchmark } from './console.ts';
import { benchPagingCalls, type PagingCalls, threeLayerSchedule } from './oncall.ts';
import { openingHoursPeer, type PeerCalendar } from './peers.ts';
import { benchReplan, type ReplanBenchmark } from './replan.ts';
import { benchReports, type ReportBenchmark } from './reports.ts';
import { mulberry32 } from './seeded-random.ts';
import { benchFold, benchLedger, benchUsageRoutes, type UsageBenchmark } from './usage.ts';

interface Benchmark {
  name: string;
  ops_per_s: number;
  peer: string | null;
  peer_ops_per_s: number | null;
  n: number;
  /** Inputs on which the peer's answer differed from ours; 0 means the peer is correct here. */
  peer_mismatches?: number;
}

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    n: { type: 'string', default: '100000' },
    /** `calendar`, `oncall`, `usage`, `reports`, `replan`, `api`, `lambda`, `burst` or `console` to run one group only. */
    only: { type: 'string' },
    seconds: { type: 'string', default: '10' },
    /** `reports.slaMonth`: tickets of one org whose outcomes fall in the month reported. */
    'report-tickets': { type: 'string', default: '100000' },
    /**
     * autocannon connections for `api.createTicket` (and as many floor writers). 25 saturates
     * DynamoDB Local for the API and the floor alike; with fewer, a create (two writes one after
     * the other) is held back by round trips that a one-write floor does not make.
     */
    connections: { type: 'string', default: '25' },
    /**
     * The Node for `lambda.coldImport`'s imports: a binary's path, or a version such as `24.21.0`
     * (the Lambda runtime's major), fetched from the npm registry as `node-<platform>-<arch>`.
     * Default: the Node running the benchmark.
     */
    node: { type: 'string', default: process.execPath },
    /** `paging.burst`: urgent tickets of one organisation before the other's, runs, and notify runs at once. */
    burst: { type: 'string', default: '300' },
    /** `policies.replan`: open tickets of the policy whose calendar changes. */
    'replan-tickets': { type: 'string', default: '10000' },
    runs: { type: 'string', default: '7' },
    /**
     * Notify runs at once. Lambda allows 1,000 per account and Region by default
     * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html); one DynamoDB Local on
     * a small machine times out well before that, so the bench stays at 100.
     */
    'lambda-concurrency': { type: 'string', default: '100' },
    /** `paging.burst`: the round trip each Scheduler, SNS and Lambda call waits (see `benchBurst`). */
    'aws-latency-ms': { type: 'string', default: '20' },
    /** `console`: open tickets in the queue, countdown ticks timed, and page loads timed to the first row. */
    'console-tickets': { type: 'string', default: '1000' },
    'console-ticks': { type: 'string', default: '60' },
    'console-loads': { type: 'string', default: '5' },
  },
});
const n = Number(values.n);
/** Timed rounds after one warm-up round; the peer is ~200× slower, so it gets fewer. */
const OUR_ROUNDS = 5;
const PEER_ROUNDS = 2;

/**
 * A Node binary: the path given, or for a version (`24.21.0`) the registry's build of it for this
 * machine, through npx (cached). Linux and macOS: the lookup runs in a POSIX shell.
 */
function nodeBinary(pathOrVersion: string): string {
  const version = /^v?(\d+\.\d+\.\d+)$/.exec(pathOrVersion)?.[1];
  if (version === undefined) return pathOrVersion;
  const pkg = `node-${process.platform}-${process.arch}@${version}`;
  return execFileSync('npx', ['-y', '-p', pkg, '-c', 'command -v node'], { encoding: 'utf8' }).trim();
}

const random = mulberry32(2026);
const yearStart = Date.UTC(2026, 0, 1);
const secondsInYear = (Date.UTC(2027, 0, 1) - yearStart) / 1000;
const starts = Float64Array.from({ length: n }, () => yearStart + Math.floor(random() * secondsInYear) * 1000);
const startDates = Array.from(starts, (t) => new Date(t));
/** For `between`: an end up to two weeks after each start. */
const ends = Float64Array.from(starts, (t) => t + Math.floor(random() * 14 * 24) * HOUR_MS);
const endDates = Array.from(ends, (t) => new Date(t));
const EIGHT_HOURS = 8 * HOUR_MS;

const officeHours = (holidays: CalendarSpec['holidays']) =>
  BusinessCalendar.from(
    calendarSpecSchema.parse({
      timezone: 'Europe/Berlin',
      hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, ['08:30-17:00']])),
      ...(holidays && { holidays }),
    }),
  );

/** Runs `op` over inputs [0, count) for a warm-up round plus `rounds` timed rounds; median ops/s and the warm-up's answers. */
function measure(count: number, rounds: number, op: (i: number) => number): { opsPerSecond: number; answers: Float64Array } {
  const answers = new Float64Array(count);
  for (let i = 0; i < count; i++) answers[i] = op(i);
  const rates: number[] = [];
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) sink += op(i);
    rates.push(count / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  if (Number.isNaN(sink)) throw new Error('a benchmark produced NaN');
  return { opsPerSecond: Math.round(median(rates)), answers };
}

function compare(name: string, count: number, ours: (i: number) => number, peer: PeerCalendar, theirs: (i: number) => number): Benchmark {
  const mine = measure(count, OUR_ROUNDS, ours);
  const other = measure(count, PEER_ROUNDS, theirs);
  let mismatches = 0;
  for (let i = 0; i < count; i++) if (mine.answers[i] !== other.answers[i]) mismatches++;
  return { name, ops_per_s: mine.opsPerSecond, peer: peer.name, peer_ops_per_s: other.opsPerSecond, n: count, peer_mismatches: mismatches };
}

const results: Array<Benchmark | ApiBenchmark> = [];
let coldImports: ColdImport[] | undefined;
let coldImportNode: string | undefined;

if (values.only === undefined || values.only === 'calendar') {
  // Each timed call is its own function literal, each calendar made just before its row, as when
  // these figures were first taken: a helper serving both rows measured the no-holiday calendar
  // about 20 % slower (closures of one literal share V8's type feedback).
  const calendar = officeHours({ country: 'DE', region: 'NI' });
  const peer = openingHoursPeer();
  // biome-ignore format: one row per comparison
  results.push(compare('calendar.add', n, (i) => calendar.add(starts[i] as number, EIGHT_HOURS), peer, (i) => peer.add(startDates[i] as Date, EIGHT_HOURS)));
  // The same comparison without holidays on either side (the peer's best case).
  const plain = officeHours(undefined);
  const plainPeer = openingHoursPeer(false);
  // biome-ignore format: one row per comparison
  results.push(compare('calendar.add.no_holidays', n, (i) => plain.add(starts[i] as number, EIGHT_HOURS), plainPeer, (i) => plainPeer.add(startDates[i] as Date, EIGHT_HOURS)));

  const betweenCount = Math.min(n, 20_000);
  results.push(
    compare(
      'calendar.between',
      betweenCount,
      (i) => calendar.between(starts[i] as number, ends[i] as number),
      peer,
      (i) => peer.between(startDates[i] as Date, endDates[i] as Date),
    ),
  );

  // Re-planning open tickets: a KORE high ticket (region hours, 3-step ladder, 24h updates) with a first response.
  const kore = loadPreset('kore');
  const tickets = Array.from(starts.subarray(0, Math.min(n, 20_000)), (createdAt) => ({
    createdAt,
    sla: { policyId: 'kore', policyVersion: 1, severity: 'high', tier: 'select', region: 'nl' },
    events: [
      { type: 'created' as const, at: createdAt },
      { type: 'responded' as const, at: createdAt + 20 * 60_000 },
    ],
  }));
  results.push({
    name: 'sla.planDeadlines',
    ops_per_s: measure(tickets.length, OUR_ROUNDS, (i) => planDeadlines(tickets[i] as (typeof tickets)[number], kore).length).opsPerSecond,
    peer: null,
    peer_ops_per_s: null,
    n: tickets.length,
  });
}

let pagingCalls: PagingCalls | undefined;
if (values.only === undefined || values.only === 'oncall') {
  const dynamo = await startDynamoDbLocal();
  try {
    pagingCalls = await benchPagingCalls(dynamo.endpoint);
  } finally {
    await dynamo.stop();
  }
  const schedule = threeLayerSchedule();
  results.push({
    name: 'oncall.whoIsOnCall',
    ops_per_s: measure(n, OUR_ROUNDS, (i) => whoIsOnCall(schedule, starts[i] as number).length).opsPerSecond,
    peer: null,
    peer_ops_per_s: null,
    n,
  });
}

let usage: UsageBenchmark | undefined;
if (values.only === undefined || values.only === 'usage') {
  const ledgers = [1_000, 10_000].map((size) => benchLedger(size));
  const dynamo = await startDynamoDbLocal();
  try {
    const routes = await benchUsageRoutes(dynamo.endpoint, ledgers[1] ?? []);
    usage = { name: 'usage.statements', fold: ledgers.map((l) => ({ revisions: l.length, ms: benchFold(l) })), routes };
  } finally {
    await dynamo.stop();
  }
}

let replan: ReplanBenchmark | undefined;
if (values.only === undefined || values.only === 'replan') {
  const dynamo = await startDynamoDbLocal();
  try {
    replan = await benchReplan(dynamo.endpoint, Number(values['replan-tickets']));
  } finally {
    await dynamo.stop();
  }
}

let reports: ReportBenchmark | undefined;
if (values.only === undefined || values.only === 'reports') {
  const dynamo = await startDynamoDbLocal();
  try {
    reports = await benchReports(dynamo.endpoint, Number(values['report-tickets']));
  } finally {
    await dynamo.stop();
  }
}

if (values.only === undefined || values.only === 'lambda') {
  const node = nodeBinary(values.node);
  coldImports = await benchColdImports(node);
  coldImportNode = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
}

let burst: BurstBenchmark | undefined;
if (values.only === undefined || values.only === 'burst') {
  burst = await benchBurst({
    burst: Number(values.burst),
    runs: Number(values.runs),
    lambdaConcurrency: Number(values['lambda-concurrency']),
    awsLatencyMs: Number(values['aws-latency-ms']),
  });
}

let consoleBench: ConsoleBenchmark | undefined;
if (values.only === undefined || values.only === 'console') {
  consoleBench = await benchConsole({
    tickets: Number(values['console-tickets']),
    ticks: Number(values['console-ticks']),
    loads: Number(values['console-loads']),
  });
}

if (values.only === undefined || values.only === 'api') {
  results.push(await benchCreateTicket({ connections: Number(values.connections), durationSeconds: Number(values.seconds) }));
}

if (values.json) {
  const all = [
    ...results,
    ...(coldImports === undefined ? [] : [{ name: 'lambda.coldImport', node: coldImportNode, functions: coldImports }]),
    ...(burst === undefined ? [] : [burst]),
    ...(consoleBench === undefined ? [] : [consoleBench]),
    ...(pagingCalls === undefined ? [] : [pagingCalls]),
    ...(usage === undefined ? [] : [usage]),
    ...(replan === undefined ? [] : [replan]),
    ...(reports === undefined ? [] : [reports]),
  ];
  process.stdout.write(`${JSON.stringify({ benchmarks: all })}\n`);
} else {
  const calendarRows = results.filter((r): r is Benchmark => 'ops_per_s' in r);
  if (calendarRows.length > 0) {
    console.table(
      calendarRows.map((r) => ({
        benchmark: r.name,
        'ops/s': r.ops_per_s.toLocaleString('en-US'),
        peer: r.peer ?? '–',
        'peer ops/s': r.peer_ops_per_s?.toLocaleString('en-US') ?? '–',
        'speed-up': r.peer_ops_per_s ? `${(r.ops_per_s / r.peer_ops_per_s).toFixed(0)}×` : '–',
        'peer mismatches': r.peer_mismatches ?? '–',
        n: r.n,
      })),
    );
  }
  for (const r of results.filter((r): r is ApiBenchmark => r.name === 'api.createTicket')) {
    console.table([
      {
        benchmark: r.name,
        rps: r.rps,
        'p50 ms': r.p50_ms,
        'p99 ms': r.p99_ms,
        'floor rps (ticket item)': r.floor_rps,
        'vs floor': `${(r.rps / r.floor_rps).toFixed(2)}×`,
        'floor rps (plain item)': r.floor_plain_rps,
        'vs plain': `${(r.rps / r.floor_plain_rps).toFixed(2)}×`,
        'same calls, bare SDK': r.same_calls_rps,
        'vs same calls': `${(r.rps / r.same_calls_rps).toFixed(2)}×`,
        'non-2xx': r.non_2xx,
      },
    ]);
    console.log(`api.createTicket: ${r.connections} connections for ${r.duration_s} s against DynamoDB Local (in memory), after a warm-up`);
  }
  if (coldImports !== undefined) {
    console.table(
      coldImports.map((c) => ({
        function: c.name,
        'bundle KiB': Math.round(c.bytes / 1024),
        'import ms': c.import_ms,
        'floor KiB': Math.round(c.floor_bytes / 1024),
        'floor import ms': c.floor_import_ms,
        'vs floor (ms)': `${(c.import_ms / c.floor_import_ms).toFixed(2)}×`,
        'deployed ms': c.deployed_import_ms,
        'floor deployed ms': c.floor_deployed_import_ms,
      })),
    );
    console.log(
      `lambda.coldImport: median of ${COLD_IMPORT_RUNS} cold import() calls each, function and floor in turn, each in a new Node ${coldImportNode} process; deployed: with the functions' NODE_OPTIONS`,
    );
  }
  if (burst !== undefined) {
    console.table([
      {
        benchmark: burst.name,
        burst: burst.burst,
        runs: burst.runs,
        'p50 ms': burst.p50_ms,
        'p99 ms': burst.p99_ms,
        'burst drained ms': burst.burst_drained_ms,
      },
    ]);
    console.log(
      `paging.burst: the other organisation's first page after its create (${burst.latencies_ms.join(', ')} ms), local stack with a real clock, ${burst.lambda_concurrency} notify runs at once, ${burst.aws_latency_ms} ms per Scheduler, SNS and Lambda call`,
    );
  }
  if (consoleBench !== undefined) {
    const c = consoleBench;
    console.table([
      {
        benchmark: c.name,
        'first page JS (gzip KiB)': (c.first_page_js_gzip_bytes / 1024).toFixed(1),
        'budget KiB': c.first_page_js_budget_bytes / 1024,
        'queue rows': c.queue_rows,
        'tick p50 ms': c.tick_p50_ms,
        'tick p99 ms': c.tick_p99_ms,
        'first row p50 ms': c.first_row_p50_ms,
      },
    ]);
    console.log(
      `console: ${c.ticks} countdown ticks with ${c.queue_rows} rows (tick to re-render and layout, max ${c.tick_max_ms} ms); first queue row after navigation over ${c.first_row_loads} loads (max ${c.first_row_max_ms} ms); Chromium, local stack`,
    );
  }
  if (pagingCalls !== undefined) {
    console.table(pagingCalls.cases.map((c) => ({ 'notify, KORE urgent step 1': c.case, ...c.calls })));
    console.log(
      'oncall.notifyCallsPerPage: AWS calls of one notify run (manager paged; director and VP told by topic e-mail), DynamoDB Local',
    );
  }
  if (usage !== undefined) {
    console.table(
      usage.fold.map((f) => ({ 'usageStatement, December of a tiered gold org': `${f.revisions} revisions`, 'ms per statement': f.ms })),
    );
    console.table(
      usage.routes.map((r) => ({
        route: r.route,
        revisions: r.revisions,
        calls: Object.entries(r.calls)
          .map(([name, count]) => `${count} ${name.replace('DynamoDB.', '')}`)
          .join(', '),
        'items read': r.items_read,
        'capacity units': r.capacity_units,
        'item bytes': r.item_bytes,
        'response bytes': r.response_bytes,
        'ms (median)': r.ms,
      })),
    );
    console.log(
      'usage.statements: fold median of 7 after a warm-up; routes through the API handler on DynamoDB Local, calls and capacity of the first request, ms the median of the next 7',
    );
  }
  if (replan !== undefined) {
    console.table([
      {
        'open tickets': replan.tickets,
        'dry run ms (count)': replan.dry_run_ms,
        'dry run looked at': replan.dry_run_examined,
        'deadlines moved': replan.moved,
        're-plan ms': replan.replan_ms,
        'tickets/s': replan.tickets_per_s,
      },
    ]);
    console.log('policies.replan: a closure day added to a netcor copy; every open ticket written once, in batches of 50, DynamoDB Local');
  }
  if (reports !== undefined) {
    console.table([
      {
        'SLA report, one month of one org': `${reports.tickets} tickets`,
        outcomes: reports.outcomes,
        'items read': reports.items_read,
        'Query pages': reports.pages,
        'read units': reports.read_units,
        'ms (median)': reports.ms,
      },
    ]);
    console.log(`reports.slaMonth: DynamoDB Local; outcomes written in ${reports.write_s} s; report median of 5 after a warm-up`);
  }
  console.log(`node ${process.version}; median of ${OUR_ROUNDS} rounds (peer: ${PEER_ROUNDS}) after a warm-up; TZ=${process.env.TZ}`);
}
