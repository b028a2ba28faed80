/**
 * The security headers of the console's pages, one definition for both hosts: CloudFront's
 * response headers policy (infra/aws) and the local stack's static server (infra/local).
 *
 * The console loads only its own hashed scripts and styles, talks only to its own origin (the API
 * is under `/api` on the same origin) and, on AWS, to Cognito for sign-in; it is never framed.
 */

/** Where the console finds the API on its own origin, on AWS (a CloudFront behaviour) and locally alike. */
export const API_PREFIX = '/api';

/**
 * What a browser and CloudFront may keep, per file: hashed assets for a year without asking again;
 * index.html and config.json are revalidated on every load, so a deployment shows at once
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Expiration.html). The
 * CachingOptimized policy keeps even a `no-cache` file for its minimum TTL of one second at the edge.
 */
export const CACHE_CONTROL = {
  hashed: 'public, max-age=31536000, immutable',
  pages: 'no-cache',
} as const;

export interface ConsoleHeaderOptions {
  /** The Cognito hosted UI's origin (`https://<prefix>.auth.<region>.amazoncognito.com`), where sign-in goes on AWS. */
  readonly signInOrigin?: string;
  /** The Cognito user pool's issuer origin (`https://cognito-idp.<region>.amazonaws.com`), read for OIDC discovery and tokens. */
  readonly issuerOrigin?: string;
}

/** Content-Security-Policy: no inline script or style anywhere, nothing from another origin but sign-in. */
export function consoleContentSecurityPolicy(options: ConsoleHeaderOptions = {}): string {
  const connect = ['self', options.issuerOrigin, options.signInOrigin].filter((s) => s !== undefined).map(source);
  const forms = ['self', options.signInOrigin].filter((s) => s !== undefined).map(source);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    `form-action ${forms.join(' ')}`,
    "object-src 'none'",
  ].join('; ');
}

/** Every header a console response carries besides its content type (HSTS only matters over HTTPS; browsers ignore it on http://127.0.0.1). */
export function consoleSecurityHeaders(options: ConsoleHeaderOptions = {}): Record<string, string> {
  return {
    'content-security-policy': consoleContentSecurityPolicy(options),
    'strict-transport-security': 'max-age=63072000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  };
}

function source(value: string): string {
  return value === 'self' ? "'self'" : value;
}

/**
 * What the API's answers carry when they come through the console's origin (`/api/*`): JSON is
 * never a page, so nothing may run or frame it there.
 */
export function apiSecurityHeaders(): Record<string, string> {
  return { ...consoleSecurityHeaders(), 'content-security-policy': "default-src 'none'; frame-ancestors 'none'" };
}
