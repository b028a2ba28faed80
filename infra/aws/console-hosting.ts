/**
 * The console on AWS: its built files in a private S3 bucket, read by one CloudFront distribution
 * through origin access control, with the HTTP API under `/api` on the same distribution, so the
 * browser talks to one origin and no CORS is needed. API Gateway's own URL keeps working for the
 * CLI and integrators: the routes do not change.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  type ResponseHeadersContentSecurityPolicy,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { API_PREFIX, apiSecurityHeaders, consoleSecurityHeaders } from '../console-headers.ts';
import type { DeploymentConfig } from './config.ts';

/** The CloudFront Functions' code, plain JavaScript files deployed as they are (and run by the tests). */
export const EDGE_FUNCTION_FILES = {
  consoleRoutes: join(import.meta.dirname, 'edge', 'console-routes.js'),
  apiPrefix: join(import.meta.dirname, 'edge', 'api-prefix.js'),
} as const;

export interface ConsoleHostingProps {
  readonly config: DeploymentConfig;
  readonly httpApi: HttpApi;
  /** Origins the console's pages may talk to besides their own: Cognito's hosted UI and issuer. */
  readonly signIn: { readonly hostedUiOrigin: string; readonly issuerOrigin: string };
}

export interface ConsoleHosting {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<the console's domain>`, without a trailing slash. */
  readonly url: string;
}

export function consoleHosting(scope: Construct, props: ConsoleHostingProps): ConsoleHosting {
  const { config, httpApi } = props;
  const logs = new Bucket(scope, 'ConsoleLogs', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    // CloudFront's standard logs are written with an ACL, so this bucket must allow ACLs
    // (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html#AccessLogsBucketAndFileOwnership).
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(90) }],
  });
  const bucket = new Bucket(scope, 'ConsoleBucket', {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    serverAccessLogsBucket: logs,
    serverAccessLogsPrefix: 'bucket/',
    removalPolicy: RemovalPolicy.RETAIN,
  });

  const { domainName, certificateArn } = config.console;
  const distribution = new Distribution(scope, 'Console', {
    comment: `sla-escalator ${config.stage}: the console, and the API under ${API_PREFIX}`,
    defaultRootObject: 'index.html',
    httpVersion: HttpVersion.HTTP2_AND_3,
    ...(domainName !== undefined &&
      certificateArn !== undefined && {
        domainNames: [domainName],
        certificate: Certificate.fromCertificateArn(scope, 'ConsoleCertificate', certificateArn),
        // With the default *.cloudfront.net certificate CloudFront always uses TLSv1, whatever is
        // set here; with a certificate of our own the policy applies
        // (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html).
        minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
    enableLogging: true,
    logBucket: logs,
    logFilePrefix: 'cloudfront/',
    defaultBehavior: {
      // OAC: CloudFront signs its requests to S3, and the bucket policy CDK writes lets only this
      // distribution read (`AWS:SourceArn`)
      // (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html).
      origin: S3BucketOrigin.withOriginAccessControl(bucket),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: new ResponseHeadersPolicy(scope, 'ConsoleHeaders', {
        comment: 'sla-escalator console: CSP, HSTS, nosniff, no framing, no referrer',
        securityHeadersBehavior: securityHeadersBehavior(
          consoleSecurityHeaders({ signInOrigin: props.signIn.hostedUiOrigin, issuerOrigin: props.signIn.issuerOrigin }),
        ),
      }),
      functionAssociations: [
        { function: edgeFunction(scope, 'ConsoleRoutes', 'consoleRoutes'), eventType: FunctionEventType.VIEWER_REQUEST },
      ],
    },
    additionalBehaviors: {
      [`${API_PREFIX}/*`]: {
        // API Gateway's default endpoint, https://<api id>.execute-api.<region>.amazonaws.com.
        origin: new HttpOrigin(Fn.select(2, Fn.split('/', httpApi.apiEndpoint)), {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
        }),
        // A redirect would turn a POST into a GET after its bearer token was already sent in clear.
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Nothing of the API is cached. With caching disabled, the AllViewerExceptHostHeader policy
        // forwards the viewer's Authorization header, which an origin request policy cannot do
        // when caching is on (https://repost.aws/knowledge-center/cloudfront-authorization-header,
        // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html);
        // the Host header stays API Gateway's own, which it needs to find the API.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: new ResponseHeadersPolicy(scope, 'ApiHeaders', {
          comment: 'sla-escalator API on the console origin: nothing runs or frames its JSON',
          securityHeadersBehavior: securityHeadersBehavior(apiSecurityHeaders()),
        }),
        functionAssociations: [{ function: edgeFunction(scope, 'ApiPrefix', 'apiPrefix'), eventType: FunctionEventType.VIEWER_REQUEST }],
      },
    },
  });
  const url = `https://${domainName ?? distribution.distributionDomainName}`;
  return { bucket, distribution, url };
}

function edgeFunction(scope: Construct, id: string, file: keyof typeof EDGE_FUNCTION_FILES): EdgeFunction {
  return new EdgeFunction(scope, id, {
    code: FunctionCode.fromInline(readFileSync(EDGE_FUNCTION_FILES[file], 'utf8')),
    runtime: FunctionRuntime.JS_2_0,
  });
}

/**
 * The console's headers (infra/console-headers.ts, shared with the local stack) as CloudFront's
 * security headers settings, each overriding whatever the origin sent
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/understanding-response-headers-policies.html).
 * A header CloudFront's settings cannot carry fails the synth rather than going missing.
 */
export function securityHeadersBehavior(headers: Record<string, string>): ResponseSecurityHeadersBehavior {
  const {
    'content-security-policy': csp,
    'strict-transport-security': hsts,
    'x-content-type-options': contentTypeOptions,
    'x-frame-options': frameOptions,
    'referrer-policy': referrerPolicy,
    ...others
  } = headers;
  const unmapped = Object.keys(others);
  if (unmapped.length > 0) throw new Error(`console headers without a CloudFront setting: ${unmapped.join(', ')}`);
  const hstsParts = /^max-age=(\d+)(; includeSubDomains)?(; preload)?$/.exec(hsts ?? '');
  if (hstsParts === null) throw new Error(`strict-transport-security: cannot express ${hsts} in CloudFront`);
  if (contentTypeOptions !== 'nosniff') throw new Error(`x-content-type-options: CloudFront sets only nosniff, not ${contentTypeOptions}`);
  const frameOption = Object.values(HeadersFrameOption).find((value) => value === frameOptions);
  const referrer = Object.values(HeadersReferrerPolicy).find((value) => value === referrerPolicy);
  if (frameOption === undefined || referrer === undefined || csp === undefined) {
    throw new Error(`console headers CloudFront cannot set: ${JSON.stringify({ frameOptions, referrerPolicy, csp })}`);
  }
  const contentSecurityPolicy: ResponseHeadersContentSecurityPolicy = { contentSecurityPolicy: csp, override: true };
  return {
    contentSecurityPolicy,
    strictTransportSecurity: {
      accessControlMaxAge: Duration.seconds(Number(hstsParts[1])),
      includeSubdomains: hstsParts[2] !== undefined,
      preload: hstsParts[3] !== undefined,
      override: true,
    },
    contentTypeOptions: { override: true },
    frameOptions: { frameOption, override: true },
    referrerPolicy: { referrerPolicy: referrer, override: true },
  };
}
