/**
 * The console's built files into its bucket, with the `config.json` it reads at start (how users
 * sign in, where the API is), and the invalidation of the two files that name everything else.
 */

import type { Distribution } from 'aws-cdk-lib/aws-cloudfront';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { Construct } from 'constructs';
import { API_PREFIX, CACHE_CONTROL } from '../console-headers.ts';

/** Where the build puts files whose names carry a hash of their content (web/build.ts): they never change under their name. */
export const HASHED_ASSETS = 'assets/*';

/** The files a deployment must invalidate at the edge: the only ones served under a name that outlives a build. */
export const INVALIDATED_PATHS = ['/index.html', '/config.json'];

export interface ConsoleSignInSettings {
  /** The user pool's issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`), for OIDC discovery. */
  readonly authority: string;
  readonly clientId: string;
  /** The hosted UI's origin (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  readonly hostedUiOrigin: string;
  /** The console's own origin, `https://<domain>`. */
  readonly consoleUrl: string;
}

/** `config.json` on AWS: Cognito's hosted UI with the console's app client, and the API on the same origin. */
export function consoleConfig(settings: ConsoleSignInSettings) {
  return {
    auth: {
      kind: 'cognito',
      authority: settings.authority,
      clientId: settings.clientId,
      domain: settings.hostedUiOrigin,
      redirectUri: `${settings.consoleUrl}/callback`,
      postLogoutRedirectUri: `${settings.consoleUrl}/`,
    },
    apiBase: API_PREFIX,
  } as const;
}

export interface ConsoleDeploymentProps {
  /** The directory the console was built into (`dist/web` at synth; a fixture in the tests). */
  readonly site: string;
  readonly bucket: IBucket;
  readonly distribution: Distribution;
  readonly signIn: ConsoleSignInSettings;
}

export function deployConsole(scope: Construct, props: ConsoleDeploymentProps): void {
  const files = Source.asset(props.site);
  // Filters as in `aws s3 sync`: the later one wins
  // (https://docs.aws.amazon.com/cli/latest/reference/s3/index.html#use-of-exclude-and-include-filters).
  const assets = new BucketDeployment(scope, 'ConsoleAssets', {
    sources: [files],
    destinationBucket: props.bucket,
    exclude: ['*'],
    include: [HASHED_ASSETS],
    cacheControl: [CacheControl.fromString(CACHE_CONTROL.hashed)],
    // A page loaded before this deployment may still ask for the chunks of its own build.
    prune: false,
  });
  const pages = new BucketDeployment(scope, 'ConsolePages', {
    sources: [files, Source.jsonData('config.json', consoleConfig(props.signIn))],
    destinationBucket: props.bucket,
    // Excluded files are neither copied nor pruned: the hashed assets stay the other deployment's.
    exclude: [HASHED_ASSETS],
    cacheControl: [CacheControl.fromString(CACHE_CONTROL.pages)],
    distribution: props.distribution,
    distributionPaths: INVALIDATED_PATHS,
  });
  // index.html names the new assets: they must be there first.
  pages.node.addDependency(assets);
}
