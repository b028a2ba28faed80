/**
 * One webhook attempt over HTTP(S), within the SSRF rules (`shared/webhooks/url-guard.ts`):
 *
 * - The URL is checked again (it may predate a rule), the host resolved, and the delivery refused
 *   if any address it resolves to is not public; the connection then goes to the address that was
 *   checked (a `lookup` that answers only it), so a second resolution cannot lead elsewhere (DNS
 *   rebinding). TLS still verifies the certificate against the host name.
 * - Redirects are not followed (a 3xx is a failed attempt): a redirect could point anywhere.
 * - The whole attempt, the name's resolution and the connection included, is cut at the timeout;
 *   at most 64 KiB of the answer is read. A slow or hanging receiver (or its slow nameserver)
 *   costs one attempt this long, never more.
 * The caller never throws: every failure is an outcome the retry policy reads.
 */

import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import type { AttemptOutcome } from '#shared/webhooks/delivery-policy.ts';
import type { WebhookCaller } from '#shared/webhooks/ports.ts';
import { deliveryAddress, type UrlRules, webhookUrlProblem } from '#shared/webhooks/url-guard.ts';

/** How long one attempt may take, connection and answer included. */
export const ATTEMPT_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

export type Resolver = (host: string) => Promise<ReadonlyArray<{ readonly address: string; readonly family: number }>>;

const resolveAll: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export class HttpWebhookCaller implements WebhookCaller {
  constructor(
    private readonly rules: UrlRules,
    private readonly options: { readonly resolve?: Resolver; readonly timeoutMs?: number; readonly clock?: () => number } = {},
  ) {}

  async call(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<AttemptOutcome> {
    const clock = this.options.clock ?? Date.now;
    const started = clock();
    const failed = (error: string): AttemptOutcome => ({ error, ms: clock() - started });
    const problem = webhookUrlProblem(url, this.rules);
    if (problem !== undefined) return failed(`refused: ${problem}`);
    const target = new URL(url);
    const host = target.hostname.replace(/^\[(.*)\]$/, '$1');
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? ATTEMPT_TIMEOUT_MS);
    try {
      // The name's resolution counts towards the timeout too: a slow nameserver is the receiver's.
      const address = await withSignal(this.addressOf(target, host), signal);
      if ('refused' in address) return failed(`refused: ${address.refused}`);
      const status = await post(target, address.address, { ...headers, 'content-type': 'application/json' }, body, signal);
      return { status, ms: clock() - started };
    } catch (error) {
      return failed(signal.aborted ? `timed out after ${this.options.timeoutMs ?? ATTEMPT_TIMEOUT_MS} ms` : describe(error));
    }
  }

  /** The checked address to connect to. The local stack's loopback receivers are the one exception to "public only". */
  private async addressOf(target: URL, host: string) {
    const family = isIP(host);
    const loopback = this.rules.allowLoopbackHttp && target.protocol === 'http:' && (host === '127.0.0.1' || host === '::1');
    if (loopback) return { address: { address: host, family } } as const;
    return deliveryAddress(family === 0 ? await (this.options.resolve ?? resolveAll)(host) : [{ address: host, family }]);
  }
}

function post(
  target: URL,
  address: { readonly address: string; readonly family: number },
  headers: Readonly<Record<string, string>>,
  body: string,
  signal: AbortSignal,
): Promise<number> {
  // Node asks with `all: true` when it may try several addresses: either way, only the checked one.
  const pinned = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
    options.all === true
      ? callback(null, [{ address: address.address, family: address.family }])
      : callback(null, address.address, address.family)) as unknown as LookupFunction;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'sla-escalator-webhooks/1' },
        lookup: pinned,
        signal,
      },
      (response: IncomingMessage) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        const done = () => resolve(response.statusCode ?? 0);
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** `work`, or a rejection once `signal` aborts (`dns.lookup` takes no signal; its result is then ignored). */
function withSignal<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) abort();
    signal.addEventListener('abort', abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
