/**
 * `lambda.coldImport`: per function, the bundle (same esbuild settings as the CDK) and the median
 * time of a cold `import()` in a fresh Node process, beside a floor bundle that only constructs
 * the AWS SDK clients that function uses. Each is timed twice: plain, and with the Node options
 * the deployed functions run with (source maps on).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, FUNCTIONS } from '../infra/aws/build.ts';
import { PROJECT_ROOT, RUNTIME_NODE_OPTIONS } from '../infra/aws/bundling.ts';

const CLIENTS: Record<(typeof FUNCTIONS)[number], string[]> = {
  api: [
    'DynamoDBClient @aws-sdk/client-dynamodb',
    'SQSClient @aws-sdk/client-sqs',
    'SNSClient @aws-sdk/client-sns',
    'SchedulerClient @aws-sdk/client-scheduler',
  ],
  'schedule-sync': [
    'DynamoDBClient @aws-sdk/client-dynamodb',
    'SchedulerClient @aws-sdk/client-scheduler',
    'SNSClient @aws-sdk/client-sns',
  ],
  notify: [
    'DynamoDBClient @aws-sdk/client-dynamodb',
    'SNSClient @aws-sdk/client-sns',
    'SESv2Client @aws-sdk/client-sesv2',
    'SchedulerClient @aws-sdk/client-scheduler',
  ],
  'inbound-email': ['DynamoDBClient @aws-sdk/client-dynamodb', 'S3Client @aws-sdk/client-s3', 'SESv2Client @aws-sdk/client-sesv2'],
  'outbound-mail': ['DynamoDBClient @aws-sdk/client-dynamodb', 'SESv2Client @aws-sdk/client-sesv2'],
  sweeper: [
    'DynamoDBClient @aws-sdk/client-dynamodb',
    'LambdaClient @aws-sdk/client-lambda',
    'SQSClient @aws-sdk/client-sqs',
    'SNSClient @aws-sdk/client-sns',
  ],
  'pre-token': ['DynamoDBClient @aws-sdk/client-dynamodb'],
  'policy-publisher': ['DynamoDBClient @aws-sdk/client-dynamodb', 'LambdaClient @aws-sdk/client-lambda'],
  'policy-seed': ['DynamoDBClient @aws-sdk/client-dynamodb'],
  'webhook-fanout': ['DynamoDBClient @aws-sdk/client-dynamodb', 'SQSClient @aws-sdk/client-sqs'],
  'webhook-sender': ['DynamoDBClient @aws-sdk/client-dynamodb', 'SQSClient @aws-sdk/client-sqs', 'SESv2Client @aws-sdk/client-sesv2'],
  'sms-inbound': ['DynamoDBClient @aws-sdk/client-dynamodb', 'SNSClient @aws-sdk/client-sns'],
  contracts: ['DynamoDBClient @aws-sdk/client-dynamodb'],
};

export interface ColdImport {
  name: string;
  bytes: number;
  import_ms: number;
  floor_bytes: number;
  floor_import_ms: number;
  /** The same, with the deployed functions' `NODE_OPTIONS`. */
  deployed_import_ms: number;
  floor_deployed_import_ms: number;
}

const ENV = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'bench',
  // `--node` may name an older Node, on which the SDK would print a support warning into the timing.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Wall time of one `import()` of a bundle in a new process of the given Node binary. */
function coldImportMs(node: string, file: string, nodeOptions: string): number {
  const out = execFileSync(
    node,
    [
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`,
    ],
    { env: { ...ENV, NODE_OPTIONS: nodeOptions }, encoding: 'utf8' },
  );
  return Number(out.trim().split('\n').at(-1));
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/** The nearest-rank quantile `q` (0.99: the value 99 % of the samples are at or below). */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/**
 * Median import times of a bundle and its floor, plain and with the deployed Node options. The
 * four are timed in turn, run after run, so a machine that slows down or speeds up during the
 * bench moves both sides of each ratio alike.
 */
function timeAgainstFloor(node: string, bundled: string, floor: string, runs: number) {
  const variants = [
    [bundled, ''],
    [floor, ''],
    [bundled, RUNTIME_NODE_OPTIONS],
    [floor, RUNTIME_NODE_OPTIONS],
  ] as const;
  const times = variants.map((): number[] => []);
  for (let run = 0; run < runs; run++) {
    for (const [i, [file, options]] of variants.entries()) times[i]?.push(coldImportMs(node, file, options));
  }
  const [plain, floorPlain, deployed, floorDeployed] = times.map((t) => Math.round(median(t) * 10) / 10) as [
    number,
    number,
    number,
    number,
  ];
  return { plain, floorPlain, deployed, floorDeployed };
}

/**
 * `node` is the Node binary that imports the bundles: this process's by default, or another one,
 * say Node 24 like the Lambda runtime (Node's cold start differs between majors).
 */
/** Cold imports per bundle (and per floor), timed in turn. */
export const COLD_IMPORT_RUNS = 11;

export async function benchColdImports(node = process.execPath, runs = COLD_IMPORT_RUNS): Promise<ColdImport[]> {
  // Inside the project (dist/ is ignored by git), so the floor entries resolve its node_modules.
  mkdirSync(join(PROJECT_ROOT, 'dist'), { recursive: true });
  const root = mkdtempSync(join(PROJECT_ROOT, 'dist', 'cold-import-'));
  try {
    return await benchEach(node, runs, root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function benchEach(node: string, runs: number, root: string): Promise<ColdImport[]> {
  const results: ColdImport[] = [];
  for (const name of FUNCTIONS) {
    const bytes = await bundle(name, join(root, name));
    const floorEntry = join(root, `${name}-floor.ts`);
    const clients = CLIENTS[name].map((spec) => spec.split(' ') as [string, string]);
    writeFileSync(
      floorEntry,
      [
        ...clients.map(([cls, pkg]) => `import { ${cls} } from '${pkg}';`),
        ...(clients.some(([, pkg]) => pkg === '@aws-sdk/client-dynamodb')
          ? ["import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';"]
          : []),
        `export const clients = [${clients.map(([cls]) => `new ${cls}({})`).join(', ')}];`,
        ...(clients.some(([, pkg]) => pkg === '@aws-sdk/client-dynamodb')
          ? ['export const documents = DynamoDBDocumentClient.from(clients[0]);']
          : []),
        'export const handler = async () => clients.length;',
      ].join('\n'),
    );
    const floorBytes = await bundle(`${name}-floor`, join(root, `${name}-floor`), floorEntry);
    const times = timeAgainstFloor(node, join(root, name, 'index.mjs'), join(root, `${name}-floor`, 'index.mjs'), runs);
    results.push({
      name,
      bytes,
      import_ms: times.plain,
      floor_bytes: floorBytes,
      floor_import_ms: times.floorPlain,
      deployed_import_ms: times.deployed,
      floor_deployed_import_ms: times.floorDeployed,
    });
  }
  return results;
}
