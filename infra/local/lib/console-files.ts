/**
 * The console's static files on the local stack, as S3 behind CloudFront serves them on AWS: the
 * hashed assets cached for a year, `index.html` for every route of the single-page app (never
 * cached, so a new build is picked up), and `/config.json`, which tells the app to sign in locally.
 * Every answer carries the console's security headers.
 */

import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { problem } from '../../../functions/lib/http/problem.ts';
import { API_PREFIX, CACHE_CONTROL, consoleSecurityHeaders } from '../../console-headers.ts';

export interface ConsoleResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string | Buffer;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** What the app reads first: sign in through the local stack, the API under `/api` on this origin. */
export const LOCAL_CONSOLE_CONFIG = { auth: { kind: 'local' }, apiBase: API_PREFIX } as const;
/** One asset path segment: what esbuild writes (`index-5QXH3KXF.js`); no leading dot, so no `..`. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/**
 * The answer to `GET`/`HEAD` of a console path. `rawPath` is the path as the client sent it (before
 * URL normalisation folds `..` away), so that traversal attempts are refused rather than resolved.
 */
export async function serveConsole(webDir: string, rawPath: string): Promise<ConsoleResponse> {
  const refused = unsafePath(rawPath);
  if (refused !== undefined) return consoleProblem(400, refused);
  if (rawPath === '/config.json') {
    return consoleFile(200, 'application/json', CACHE_CONTROL.pages, JSON.stringify(LOCAL_CONSOLE_CONFIG));
  }
  if (rawPath.startsWith('/assets/')) {
    const segments = rawPath.slice('/assets/'.length).split('/');
    if (!segments.every((segment) => SEGMENT.test(segment))) return consoleProblem(404, `no console asset ${rawPath}`);
    const file = await fileInside(join(webDir, 'assets'), segments);
    if (file === undefined) return consoleProblem(404, `no console asset ${rawPath}`);
    return consoleFile(200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', CACHE_CONTROL.hashed, await readFile(file));
  }
  // A path with an extension is a file the build does not have (`/favicon.ico`); the rest are the app's
  // routes, told apart by the extension as AWS's CloudFront Functions example does for index.html:
  // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/example-function-add-index.html
  // An ack link's token (`/ack/<payload>.<mac>`) has a dot, and is a route (as in edge/console-routes.js).
  if (extname(rawPath) !== '' && !rawPath.startsWith('/ack/')) return consoleProblem(404, `no console file ${rawPath}`);
  const index = await fileInside(webDir, ['index.html']);
  if (index === undefined) return consoleProblem(404, `the console is not built in ${webDir} (npm start builds it)`);
  return consoleFile(200, CONTENT_TYPES['.html'] as string, CACHE_CONTROL.pages, await readFile(index));
}

/** Why a raw path is refused: a `..` segment, an encoded slash or backslash, a NUL, a backslash. */
function unsafePath(rawPath: string): string | undefined {
  if (/%(2f|5c|00)/i.test(rawPath) || /[\\\0]/.test(rawPath)) return 'encoded slashes, backslashes and NUL are not allowed in a path';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return 'the path is not valid percent-encoding';
  }
  if (decoded.split('/').some((segment) => segment === '..' || segment === '.')) return '"." and ".." segments are not allowed in a path';
  return undefined;
}

/** The regular file at `segments` under `dir`, after symbolic links, when it is still inside `dir`. */
async function fileInside(dir: string, segments: readonly string[]): Promise<string | undefined> {
  try {
    const root = await realpath(dir);
    const file = await realpath(join(root, ...segments));
    if (!file.startsWith(root + sep)) return undefined;
    return (await stat(file)).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function consoleFile(statusCode: number, contentType: string, cacheControl: string, body: string | Buffer): ConsoleResponse {
  return {
    statusCode,
    headers: { ...consoleSecurityHeaders(), 'content-type': contentType, 'cache-control': cacheControl },
    body,
  };
}

function consoleProblem(status: number, detail: string, headers: Record<string, string> = {}): ConsoleResponse {
  const answer = problem(status, detail);
  return {
    statusCode: status,
    headers: {
      ...consoleSecurityHeaders(),
      ...(answer.headers as Record<string, string>),
      'cache-control': CACHE_CONTROL.pages,
      ...headers,
    },
    body: answer.body ?? '',
  };
}
