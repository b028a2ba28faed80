/** One construct holding every Lambda default: Node.js 24 on arm64, ESM bundles with the SDK inside, source maps, JSON logs, retention, tracing. */

import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BUNDLING, PROJECT_ROOT, RUNTIME_NODE_OPTIONS } from './bundling.ts';

export interface SlaFunctionProps extends Omit<NodejsFunctionProps, 'entry' | 'runtime' | 'architecture'> {
  /** `functions/<name>/handler.ts`. */
  readonly name: string;
  readonly logRetention: RetentionDays;
}

export class SlaFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: SlaFunctionProps) {
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
