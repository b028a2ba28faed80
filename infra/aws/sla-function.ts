/** One construct holding every Lambda default: Node.js 24 on arm64, ESM bundles with the SDK inside, source maps, JSON logs, retention, tracing. */

import { join } from 'node:path';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { apiEnvironment } from '../../functions/api/environment.ts';
import type { contractsEnvironment } from '../../functions/contracts/environment.ts';
import type { inboundEmailEnvironment } from '../../functions/inbound-email/environment.ts';
import type { DeployedEnvironment } from '../../functions/lib/config.ts';
import type { notifyEnvironment } from '../../functions/notify/environment.ts';
import type { outboundMailEnvironment } from '../../functions/outbound-mail/environment.ts';
import type { policyPublisherEnvironment } from '../../functions/policy-publisher/environment.ts';
import type { policySeedEnvironment } from '../../functions/policy-seed/environment.ts';
import type { preTokenEnvironment } from '../../functions/pre-token/environment.ts';
import type { scheduleSyncEnvironment } from '../../functions/schedule-sync/environment.ts';
import type { smsInboundEnvironment } from '../../functions/sms-inbound/environment.ts';
import type { sweeperEnvironment } from '../../functions/sweeper/environment.ts';
import type { webhookFanoutEnvironment } from '../../functions/webhook-fanout/environment.ts';
import type { webhookSenderEnvironment } from '../../functions/webhook-sender/environment.ts';
import { BUNDLING, PROJECT_ROOT, RUNTIME_NODE_OPTIONS } from './bundling.ts';

/** Each function's settings, by its folder under `functions/` (types only: no function code reaches the CDK app). */
interface Environments {
  api: typeof apiEnvironment;
  contracts: typeof contractsEnvironment;
  'inbound-email': typeof inboundEmailEnvironment;
  notify: typeof notifyEnvironment;
  'outbound-mail': typeof outboundMailEnvironment;
  'pre-token': typeof preTokenEnvironment;
  'schedule-sync': typeof scheduleSyncEnvironment;
  'sms-inbound': typeof smsInboundEnvironment;
  sweeper: typeof sweeperEnvironment;
  'webhook-fanout': typeof webhookFanoutEnvironment;
  'webhook-sender': typeof webhookSenderEnvironment;
  'policy-publisher': typeof policyPublisherEnvironment;
  'policy-seed': typeof policySeedEnvironment;
}

export type FunctionName = keyof Environments;

export interface SlaFunctionProps<N extends FunctionName>
  extends Omit<NodejsFunctionProps, 'entry' | 'runtime' | 'architecture' | 'environment'> {
  /** `functions/<name>/handler.ts`. */
  readonly name: N;
  readonly logRetention: RetentionDays;
  /** The function's settings (`functions/<name>/environment.ts`), all of them but AWS_REGION, which the Lambda runtime sets. */
  readonly environment: DeployedEnvironment<Environments[N]>;
}

export class SlaFunction<N extends FunctionName = FunctionName> extends NodejsFunction {
  constructor(scope: Construct, id: string, props: SlaFunctionProps<N>) {
    const { name, logRetention, environment, ...rest } = props;
    const logGroup = new LogGroup(scope, `${id}Logs`, { retention: logRetention, removalPolicy: RemovalPolicy.DESTROY });
    super(scope, id, {
      entry: join(PROJECT_ROOT, 'functions', name, 'handler.ts'),
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      projectRoot: PROJECT_ROOT,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 1024,
      timeout: Duration.seconds(30),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: { NODE_OPTIONS: RUNTIME_NODE_OPTIONS, POWERTOOLS_SERVICE_NAME: `sla-escalator-${name}`, ...environment },
      bundling: {
        ...BUNDLING,
        format: OutputFormat.ESM,
        mainFields: [...BUNDLING.mainFields],
        externalModules: [...BUNDLING.externalModules],
      },
      ...rest,
    });
  }
}

/**
 * `lambda:InvokeFunction` on the function named `functionName` in `scope`'s account and region:
 * for a function that invokes itself, or one defined elsewhere, without a reference (a cycle).
 */
export function invokeFunctionNamed(scope: Construct, functionName: string): PolicyStatement {
  return new PolicyStatement({
    actions: ['lambda:InvokeFunction'],
    resources: [
      Stack.of(scope).formatArn({
        service: 'lambda',
        resource: 'function',
        resourceName: functionName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
    ],
  });
}
