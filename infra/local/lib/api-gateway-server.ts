/**
 * A local stand-in for API Gateway's HTTP API: it verifies the bearer token as the JWT authorizer
 * would, turns the request into the same v2 event, invokes the production handler module and
 * writes its result back. Routing and access rules come from the production route table.
 *
 * With a console, it is the whole origin the browser sees, as CloudFront is on AWS: the API under
 * `/api` (prefix stripped) and at the root as before, local sign-in, and the console's files for
 * every other `GET`.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { matchRoute } from '../../../functions/api/routes.ts';
import { groupsOf } from '../../../functions/lib/http/auth.ts';
import { problem } from '../../../functions/lib/http/problem.ts';
import { API_PREFIX } from '../../console-headers.ts';
import { apiGatewayEvent } from './api-gateway-event.ts';
import { type ConsoleResponse, serveConsole } from './console-files.ts';
import type { SignInEndpoint } from './local-sign-in.ts';

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
export type VerifyToken = (token: string) => Promise<Record<string, string | string[]> | undefined>;

/** API Gateway rejects larger payloads itself; the handler's own limit is lower. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;

/** Local-only endpoints (`/_local/...`), for admins: they receive the parsed JSON body. */
export type LocalEndpoint = (method: string, path: string, body: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

/** The console's built files (`index.html`, `assets/`) and the local sign-in endpoints. */
export interface ConsoleHosting {
  readonly webDir: string;
  readonly signIn: SignInEndpoint;
}

export function createApiGatewayServer(handler: ApiHandler, verify: VerifyToken, local?: LocalEndpoint, web?: ConsoleHosting): Server {
  return createServer((request, response) => {
    serve(request, response, handler, verify, local, web).catch((error: unknown) => {
      console.error('local api: request failed', error);
      if (!response.headersSent) send(response, problem(500, 'the local server could not handle the request'));
    });
  });
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  handler: ApiHandler,
  verify: VerifyToken,
  local?: LocalEndpoint,
  web?: ConsoleHosting,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = (request.method ?? 'GET').toUpperCase();
  const body = await readBody(request);
  if (body === undefined) return send(response, problem(413, 'the request is larger than API Gateway accepts'));
  // Only a console's origin has the `/api` prefix; its `/_local/` and console paths are outside it.
  const apiPath = web === undefined ? undefined : withoutApiPrefix(url.pathname);
  if (web !== undefined && apiPath === undefined) {
    const signedIn = await web.signIn(request, body);
    if (signedIn !== undefined) return send(response, signedIn);
  }
  if (local !== undefined && apiPath === undefined && url.pathname.startsWith('/_local/')) {
    const claims = await bearerClaims(request, verify);
    if (claims === undefined) return send(response, problem(401, 'a valid bearer token is required'));
    if (!groupsOf(claims['cognito:groups']).includes('admin'))
      return send(response, problem(403, 'local endpoints are for administrators'));
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      return send(response, problem(400, 'the body is not valid JSON'));
    }
    return send(response, await local(method, url.pathname, parsed));
  }
  const path = apiPath ?? url.pathname;
  const matched = matchRoute(method, path);
  if (web !== undefined && apiPath === undefined && matched === undefined && (method === 'GET' || method === 'HEAD')) {
    const rawPath = request.url?.startsWith('/') ? request.url.split('?')[0] : url.pathname;
    return send(response, await serveConsole(web.webDir, rawPath ?? '/'));
  }
  const route = matched !== undefined && 'route' in matched ? matched.route : undefined;
  let claims: Record<string, string | string[]> | undefined;
  if (route !== undefined && route.access !== 'public') {
    claims = await bearerClaims(request, verify);
    if (claims === undefined) return send(response, problem(401, 'a valid bearer token is required'));
  }
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]),
  );
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const event = apiGatewayEvent({
    method,
    path,
    query,
    headers,
    ...(body.length > 0 && { body: body.toString('utf8') }),
    ...(claims !== undefined && { claims }),
    sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
  });
  const requestId = event.requestContext.requestId;
  const context = { awsRequestId: requestId, functionName: 'api', getRemainingTimeInMillis: () => 29_000 } as Context;
  send(response, await handler(event, context));
}

/** The claims of the request's bearer token, when it carries a valid one. */
async function bearerClaims(request: IncomingMessage, verify: VerifyToken) {
  const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return token === undefined ? undefined : verify(token);
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * `/api/tickets/1` → `/tickets/1`, as the CloudFront function in front of API Gateway strips it on
 * AWS (a viewer-request function changes the request before CloudFront forwards it:
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/function-code-choose-purpose.html),
 * so API Gateway, and the event's `rawPath`, see the route table's path; `undefined` outside `/api`.
 */
function withoutApiPrefix(path: string): string | undefined {
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) return undefined;
  return path.slice(API_PREFIX.length) || '/';
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2 | ConsoleResponse): void {
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(result.body ?? '');
}
