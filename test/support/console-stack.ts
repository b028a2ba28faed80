/**
 * The real local stack in a child process, as `npm start` runs it: DynamoDB Local, the API, the
 * console built into the data directory. Each stack gets its own data directory and free ports,
 * so test files can run side by side.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../infra/local/lib/dynamodb-local.ts';

const root = join(import.meta.dirname, '../..');
/** What `npm start` prints last, once everything listens. */
const READY = 'Ctrl-C stops';
/** Java, the table and the console build on a loaded 2-core machine: generous, and only paid when something is wrong. */
export const STACK_START_TIMEOUT_MS = 120_000;

export interface StackOptions {
  readonly dataDir: string;
  readonly port: number;
  readonly smtpPort: number;
  /** More environment: `SLA_CLOCK`, `SLA_CLOCK_START`, `RATE_LIMITS`, … */
  readonly env?: Readonly<Record<string, string>>;
}

export interface StackProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Where it says the console is (its `console:` line). */
  readonly consoleUrl: string | undefined;
  /** `ADMIN_TOKEN`, `AGENT_TOKEN`, `KORE_CUSTOMER_TOKEN`, … as printed. */
  readonly tokens: Record<string, string>;
}

/** Runs `npm start`'s entry point (without waiting for it). */
export function spawnStack(options: StackOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'infra/local/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      SLA_DATA_DIR: options.dataDir,
      PORT: String(options.port),
      SMTP_PORT: String(options.smtpPort),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `npm start`'s entry point and waits until it prints its URL and tokens. */
export async function startStack(options: StackOptions): Promise<StackProcess> {
  const child = spawnStack(options);
  const output = await readyOutput(child);
  const tokens = Object.fromEntries([...output.matchAll(/^(\w+_TOKEN)=(\S+)$/gm)].map(([, name, value]) => [name, value as string]));
  const url = /running at (http:\/\/\S+)/.exec(output)?.[1] as string;
  const consoleUrl = /^console: (http:\/\/\S+)/m.exec(output)?.[1];
  return { child, url, consoleUrl, tokens };
}

/** SIGTERM, as Ctrl-C would; resolves with the exit code. */
export async function stopStack(stack: { readonly child: ChildProcess }): Promise<number | null> {
  if (stack.child.exitCode !== null) return stack.child.exitCode;
  const exited = new Promise<number | null>((resolve) => stack.child.once('exit', resolve));
  stack.child.kill('SIGTERM');
  return exited;
}

/** Everything the child printed up to its ready line; rejects (with that output) if it exits or takes too long. */
function readyOutput(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const finish = (error?: Error) => {
      clearTimeout(timer);
      child.stdout?.off('data', read);
      child.stderr?.off('data', read);
      child.off('exit', exited);
      if (error === undefined) resolve(output);
      else {
        child.kill('SIGTERM');
        reject(error);
      }
    };
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY)) finish();
    };
    const exited = (code: number | null) => finish(new Error(`npm start exited (${code}) before it was ready:\n${output}`));
    const timer = setTimeout(
      () => finish(new Error(`npm start was not ready after ${STACK_START_TIMEOUT_MS} ms:\n${output}`)),
      STACK_START_TIMEOUT_MS,
    );
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', exited);
  });
}

export interface ConsoleStack {
  /** The origin, `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  /** What `npm start` printed as the console's address. */
  readonly consoleUrl: string | undefined;
  readonly dataDir: string;
  readonly tokens: { readonly admin: string; readonly agent: string; readonly customers: Readonly<Record<string, string>> };
  /** Moves the stack's manual clock (and runs what falls due) to an instant or by an ISO duration; resolves with the new now. */
  advanceClock(to: string | { advance: string }): Promise<string>;
  /** `fetch` of `/api<path>` on the stack, as the console calls it, with a bearer token when given (JSON body: pass a string). */
  api(path: string, init?: RequestInit, token?: string): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * `npm start` with a manual clock at `clockStart` (the fixed instant a test's story starts at), on
 * free ports in a fresh data directory. Call `stop()` in `afterAll`.
 */
export async function startConsoleStack(options: { clockStart: string; env?: Record<string, string> }): Promise<ConsoleStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sla-console-stack-'));
  const [port, smtpPort] = [await freePort(), await freePort()];
  const env = { SLA_CLOCK: 'manual', SLA_CLOCK_START: options.clockStart, ...options.env };
  const stack = await startStack({ dataDir, port, smtpPort, env });
  const token = (name: string) => {
    const value = stack.tokens[name];
    if (value === undefined) throw new Error(`npm start printed no ${name}`);
    return value;
  };
  // KORE_CUSTOMER_TOKEN belongs to kore-demo: start.ts names each demo organisation's token after it.
  const customers = Object.fromEntries(
    Object.entries(stack.tokens)
      .filter(([name]) => name.endsWith('_CUSTOMER_TOKEN'))
      .map(([name, value]) => [`${name.slice(0, -'_CUSTOMER_TOKEN'.length).toLowerCase()}-demo`, value]),
  );
  const api = (path: string, init: RequestInit = {}, bearer?: string) => {
    const headers = new Headers(init.headers);
    if (bearer !== undefined) headers.set('authorization', `Bearer ${bearer}`);
    if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return fetch(`${stack.url}/api${path}`, { ...init, headers });
  };
  return {
    url: stack.url,
    consoleUrl: stack.consoleUrl,
    dataDir,
    tokens: { admin: token('ADMIN_TOKEN'), agent: token('AGENT_TOKEN'), customers },
    api,
    async advanceClock(to) {
      const body = typeof to === 'string' ? { to } : to;
      const moved = await fetch(`${stack.url}/_local/clock`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token('ADMIN_TOKEN')}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await moved.json()) as { now?: string; detail?: string };
      if (!moved.ok || answer.now === undefined) throw new Error(`the clock did not move to ${JSON.stringify(body)}: ${answer.detail}`);
      return answer.now;
    },
    async stop() {
      const code = await stopStack(stack);
      if (code !== 0) throw new Error(`npm start exited with ${code}`);
    },
  };
}
