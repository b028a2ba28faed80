/**
 * The console on AWS (infra/aws/console-hosting.ts, console-deployment.ts, users.ts): the
 * CloudFront Functions run as CloudFront runs them, and the synthesized template.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../infra/aws/app.ts';
import { deploymentConfig } from '../../infra/aws/config.ts';
import { HASHED_ASSETS, INVALIDATED_PATHS } from '../../infra/aws/console-deployment.ts';
import { EDGE_FUNCTION_FILES, securityHeadersBehavior } from '../../infra/aws/console-hosting.ts';
import { CACHE_CONTROL, consoleSecurityHeaders } from '../../infra/console-headers.ts';
import { consoleSiteFixture, TEST_SETTINGS } from './app-fixture.ts';

const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d';

type Json = ReturnType<Template['toJSON']>;
type Request = { uri: string; querystring: Json; headers: Json };

/** A CloudFront Function's file, run as the runtime runs it: a script whose top-level `handler` gets the event. */
function edgeHandler(file: keyof typeof EDGE_FUNCTION_FILES): (uri: string) => Request {
  const code = readFileSync(EDGE_FUNCTION_FILES[file], 'utf8');
  const handler = runInNewContext(`${code}\nhandler`) as (event: Json) => Request;
  return (uri) =>
    handler({
      version: '1.0',
      context: { eventType: 'viewer-request' },
      request: { method: 'GET', uri, querystring: { page: { value: '2' } }, headers: {} },
    });
}

/** A template value with CloudFormation functions rendered as `${...}`, to read strings built from tokens. */
function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join !== undefined) return join[1].map(flat).join(join[0]);
  return `\${${JSON.stringify(value)}}`;
}

function resourcesOf(template: Template, type: string): Array<[string, Json]> {
  return Object.entries(template.findResources(type));
}

describe('the console on AWS', () => {
  describe('the CloudFront Function on the console (SPA routes)', () => {
    const routes = edgeHandler('consoleRoutes');

    it("gives the app's own routes index.html", () => {
      for (const uri of ['/queue', '/tickets/10001', '/callback', '/', '/portal/tickets/', '/ack/eyJjIjoxfQ.pA-Pw5yp_q'])
        expect(routes(uri).uri, uri).toBe('/index.html');
    });

    it('leaves files alone, so a missing one stays a miss', () => {
      for (const uri of ['/assets/app-abc.js', '/config.json', '/assets/chunk-X1.css', '/favicon.ico'])
        expect(routes(uri).uri, uri).toBe(uri);
    });

    it('keeps the query string', () => {
      expect(routes('/queue').querystring).toEqual({ page: { value: '2' } });
    });
  });

  describe('the CloudFront Function on /api/* (the prefix)', () => {
    const prefix = edgeHandler('apiPrefix');

    it('strips /api before API Gateway sees the path', () => {
      expect(prefix('/api/tickets/1').uri).toBe('/tickets/1');
      expect(prefix('/api/openapi.json').uri).toBe('/openapi.json');
      expect(prefix('/api').uri).toBe('/');
      expect(prefix('/api/').uri).toBe('/');
    });

    it('strips only a whole /api segment, and keeps the query string', () => {
      expect(prefix('/apis/x').uri).toBe('/apis/x');
      expect(prefix('/api/tickets').querystring).toEqual({ page: { value: '2' } });
    });
  });

  describe('the security headers', () => {
    it('carries every console header into CloudFront settings', () => {
      const behavior = securityHeadersBehavior(consoleSecurityHeaders({ signInOrigin: 'https://x.auth.eu-west-1.amazoncognito.com' }));
      expect(behavior.contentSecurityPolicy?.contentSecurityPolicy).toContain(
        "form-action 'self' https://x.auth.eu-west-1.amazoncognito.com",
      );
      expect(behavior.strictTransportSecurity?.accessControlMaxAge.toSeconds()).toBe(63072000);
    });

    it('fails the synth on a header CloudFront settings would drop', () => {
      expect(() => securityHeadersBehavior({ ...consoleSecurityHeaders(), 'permissions-policy': 'camera=()' })).toThrow(
        /permissions-policy/,
      );
      expect(() =>
        securityHeadersBehavior({ ...consoleSecurityHeaders(), 'strict-transport-security': 'max-age=1; includesubdomains' }),
      ).toThrow(/strict-transport-security/);
    });
  });

  describe('the template', () => {
    let service: Template;
    let assemblyDir: string;
    let distributionId: string;
    let distribution: Json;
    beforeAll(() => {
      const app = new App();
      const { stateless } = buildApp(app, deploymentConfig(TEST_SETTINGS), consoleSiteFixture());
      service = Template.fromStack(stateless);
      assemblyDir = app.synth().directory;
      const [[id, resource]] = resourcesOf(service, 'AWS::CloudFront::Distribution') as [[string, Json]];
      distributionId = id;
      distribution = resource.Properties.DistributionConfig;
    }, 120_000);

    it('keeps the files in a private, encrypted, TLS-only bucket with access logs', () => {
      service.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } })],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'bucket/' },
      });
    });

    it('lets only this distribution read the bucket, through origin access control', () => {
      service.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
        OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
      });
      const s3Origin = distribution.Origins.find((o: Json) => o.S3OriginConfig !== undefined);
      expect(s3Origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] });
      const [[, policy]] = resourcesOf(service, 'AWS::S3::BucketPolicy').filter(([, p]) =>
        flat(p.Properties.Bucket).includes('ConsoleBucket'),
      ) as [[string, Json]];
      const allows = policy.Properties.PolicyDocument.Statement.filter((s: Json) => s.Effect === 'Allow');
      expect(allows).toEqual([
        expect.objectContaining({
          Action: 's3:GetObject',
          Principal: { Service: 'cloudfront.amazonaws.com' },
          Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
        }),
      ]);
      expect(flat(allows[0].Condition.StringEquals['AWS:SourceArn'])).toMatch(
        new RegExp(`:distribution/\\$\\{\\{"Ref":"${distributionId}"\\}\\}$`),
      );
    });

    it('serves index.html at the root and routes the app in a viewer-request function, with no error-page rewrite', () => {
      expect(distribution.DefaultRootObject).toBe('index.html');
      expect(distribution.CustomErrorResponses).toBeUndefined();
      const routes = distribution.DefaultCacheBehavior;
      expect(routes.ViewerProtocolPolicy).toBe('redirect-to-https');
      expect(routes.FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^ConsoleRoutes/), 'FunctionARN'] } },
      ]);
    });

    it('deploys the functions as their files, on the cloudfront-js-2.0 runtime', () => {
      for (const [id, fn] of resourcesOf(service, 'AWS::CloudFront::Function')) {
        const file = id.startsWith('ConsoleRoutes') ? 'consoleRoutes' : 'apiPrefix';
        expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
        expect(fn.Properties.FunctionCode).toBe(readFileSync(EDGE_FUNCTION_FILES[file], 'utf8'));
        // CloudFront Functions take at most 10 KB of code.
        expect(Buffer.byteLength(fn.Properties.FunctionCode)).toBeLessThan(10 * 1024);
      }
    });

    it('sends /api/* to API Gateway uncached, with every viewer header but Host (so Authorization reaches the authorizer), all methods, prefix stripped', () => {
      const [api] = distribution.CacheBehaviors;
      expect(distribution.CacheBehaviors).toHaveLength(1);
      expect(api).toMatchObject({
        PathPattern: '/api/*',
        ViewerProtocolPolicy: 'https-only',
        CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
        OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
        AllowedMethods: expect.arrayContaining(['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE']),
        FunctionAssociations: [
          { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [expect.stringMatching(/^ApiPrefix/), 'FunctionARN'] } },
        ],
      });
      // The managed policies' ids (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html).
      expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
      expect(api.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
      const origin = distribution.Origins.find((o: Json) => o.Id === api.TargetOriginId);
      expect(origin.CustomOriginConfig).toEqual({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
      expect(JSON.stringify(origin.DomainName)).toContain('"ApiEndpoint"');
    });

    it('adds the console headers to its pages: CSP without inline script, no framing, HSTS for a year and more, nosniff, no referrer', () => {
      const [id, policy] = resourcesOf(service, 'AWS::CloudFront::ResponseHeadersPolicy').find(([name]) =>
        name.startsWith('ConsoleHeaders'),
      ) as [string, Json];
      expect(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: id });
      const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      const csp = flat(headers.ContentSecurityPolicy.ContentSecurityPolicy);
      const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `));
      expect(headers.ContentSecurityPolicy.Override).toBe(true);
      expect(directive('script-src')).toBe("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
      expect(directive('object-src')).toBe("object-src 'none'");
      expect(directive('form-action')).toMatch(/^form-action 'self' https:\/\/\$\{.*"UsersSignIn.*\.auth\..*\.amazoncognito\.com$/);
      expect(directive('connect-src')).toContain('https://${');
      expect(headers.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true, Override: true });
      expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 24 * 3600);
      expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    });

    it("gives the API's answers on the console origin headers under which nothing runs or frames them", () => {
      const api = distribution.CacheBehaviors.find((b: Json) => b.PathPattern === '/api/*');
      const [id, policy] = resourcesOf(service, 'AWS::CloudFront::ResponseHeadersPolicy').find(([name]) =>
        name.startsWith('ApiHeaders'),
      ) as [string, Json];
      expect(api.ResponseHeadersPolicyId).toEqual({ Ref: id });
      const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
      expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(headers.ContentTypeOptions).toEqual({ Override: true });
      expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
      expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 24 * 3600);
    });

    it('copies hashed assets with a year of caching, the rest with no-cache, then invalidates index.html and config.json', () => {
      const deployments = resourcesOf(service, 'Custom::CDKBucketDeployment');
      const assets = deployments.find(([, d]) => d.Properties.Include !== undefined);
      const pages = deployments.find(([, d]) => d.Properties.DistributionPaths !== undefined);
      expect(assets?.[1].Properties).toMatchObject({
        Include: [HASHED_ASSETS],
        Exclude: ['*'],
        Prune: false,
        SystemMetadata: { 'cache-control': CACHE_CONTROL.hashed },
      });
      expect(pages?.[1].Properties).toMatchObject({
        Exclude: [HASHED_ASSETS],
        SystemMetadata: { 'cache-control': CACHE_CONTROL.pages },
        DistributionId: { Ref: distributionId },
        DistributionPaths: INVALIDATED_PATHS,
      });
      expect(INVALIDATED_PATHS).toEqual(['/index.html', '/config.json']);
      expect(pages?.[1].DependsOn).toContain(assets?.[0]);
    });

    it('writes config.json: Cognito with the console client, the hosted UI, callbacks on this distribution, the API under /api', () => {
      const [, pages] = resourcesOf(service, 'Custom::CDKBucketDeployment').find(([, d]) => d.Properties.SourceMarkers !== undefined) as [
        string,
        Json,
      ];
      const markers: Record<string, unknown> = Object.assign({}, ...pages.Properties.SourceMarkers);
      const dir = readdirSync(assemblyDir).find((d) => existsSync(join(assemblyDir, d, 'config.json')));
      if (dir === undefined) throw new Error('no config.json asset in the cloud assembly');
      const raw = readFileSync(join(assemblyDir, dir, 'config.json'), 'utf8');
      // Each marker stands for a deploy-time value; rendered here as `${<its CloudFormation>}`.
      const config = JSON.parse(raw, (_key, value: unknown) =>
        typeof value === 'string' ? value.replace(/<<marker:0xbaba:\d+>>/g, (marker) => `\${${JSON.stringify(markers[marker])}}`) : value,
      );
      const domain = `\${${JSON.stringify({ 'Fn::GetAtt': [distributionId, 'DomainName'] })}}`;
      expect(config).toEqual({
        auth: {
          kind: 'cognito',
          authority: expect.stringMatching(/^\$\{\{"Fn::GetAtt":\["Users[0-9A-F]+","ProviderURL"\]\}\}$/),
          clientId: expect.stringMatching(/^\$\{\{"Ref":"UsersConsole[0-9A-F]+"\}\}$/),
          domain: expect.stringMatching(
            /^https:\/\/\$\{\{"Ref":"UsersSignIn[0-9A-F]+"\}\}\.auth\.\$\{\{"Ref":"AWS::Region"\}\}\.amazoncognito\.com$/,
          ),
          redirectUri: `https://${domain}/callback`,
          postLogoutRedirectUri: `https://${domain}/`,
        },
        apiBase: '/api',
      });
    });

    it('gives the console a public Cognito client with the code grant only, its callback on the distribution, and short ID tokens', () => {
      const [[, client]] = resourcesOf(service, 'AWS::Cognito::UserPoolClient').filter(([id]) => id.startsWith('UsersConsole')) as [
        [string, Json],
      ];
      const [[, portal]] = resourcesOf(service, 'AWS::Cognito::UserPoolClient').filter(([id]) => id.startsWith('UsersPortal')) as [
        [string, Json],
      ];
      expect(client.Properties).toMatchObject({
        GenerateSecret: false,
        AllowedOAuthFlowsUserPoolClient: true,
        AllowedOAuthFlows: ['code'],
        AllowedOAuthScopes: ['openid', 'email', 'profile'],
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        SupportedIdentityProviders: ['COGNITO'],
        PreventUserExistenceErrors: 'ENABLED',
        ReadAttributes: portal.Properties.ReadAttributes,
        WriteAttributes: portal.Properties.WriteAttributes,
        IdTokenValidity: 15,
        TokenValidityUnits: { IdToken: 'minutes' },
      });
      const domain = `\${${JSON.stringify({ 'Fn::GetAtt': [distributionId, 'DomainName'] })}}`;
      expect(client.Properties.CallbackURLs.map(flat)).toEqual([`https://${domain}/callback`]);
      expect(client.Properties.LogoutURLs.map(flat)).toEqual([`https://${domain}/`]);
      service.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'sla-escalator-test' });
    });

    it("lets the API's JWT authorizer accept the console client's tokens as well as the portal's", () => {
      const clients = resourcesOf(service, 'AWS::Cognito::UserPoolClient').map(([id]) => ({ Ref: id }));
      expect(clients).toHaveLength(2);
      service.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        JwtConfiguration: { Audience: Match.arrayEquals(clients) },
      });
    });
  });

  describe('with a domain of its own', () => {
    afterEach(() => vi.unstubAllEnvs());

    it('serves it with its certificate under TLS 1.2 at least, and calls back there (in a concrete account and region)', () => {
      // As `cdk synth` runs it: account and region known, so ARNs in cdk-nag's findings are literal.
      vi.stubEnv('CDK_DEFAULT_ACCOUNT', '123456789012');
      vi.stubEnv('CDK_DEFAULT_REGION', 'eu-west-1');
      const app = new App();
      const config = deploymentConfig({
        ...TEST_SETTINGS,
        console: { domainName: 'console.example.com', certificateArn: CERTIFICATE, signInDomainPrefix: 'acme-support' },
      });
      const { stateless } = buildApp(app, config, consoleSiteFixture());
      // Template.fromStack synthesises, cdk-nag included: without the default certificate there is no TLSv1 to acknowledge.
      const service = Template.fromStack(stateless);
      service.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Aliases: ['console.example.com'],
          ViewerCertificate: { AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        }),
      });
      service.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        CallbackURLs: ['https://console.example.com/callback'],
        LogoutURLs: ['https://console.example.com/'],
      });
      service.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'acme-support' });
    }, 120_000);
  });

  describe('its settings', () => {
    const invalid = (console: unknown) => () => deploymentConfig({ ...TEST_SETTINGS, console });

    it('refuses a domain without its certificate, naming the field', () => {
      expect(invalid({ domainName: 'console.example.com' })).toThrow(/console\.certificateArn: domainName and certificateArn go together/);
    });

    it('refuses a certificate outside us-east-1, which CloudFront cannot use', () => {
      expect(invalid({ domainName: 'console.example.com', certificateArn: CERTIFICATE.replace('us-east-1', 'eu-west-1') })).toThrow(
        /console\.certificateArn: .*us-east-1/,
      );
    });

    it('refuses a hosted UI prefix Cognito would refuse', () => {
      expect(invalid({ signInDomainPrefix: 'my-cognito-login' })).toThrow(/console\.signInDomainPrefix: .*"cognito"/);
      expect(invalid({ signInDomainPrefix: 'Acme_Support' })).toThrow(/console\.signInDomainPrefix/);
    });
  });
});
