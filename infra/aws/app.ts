/** The CDK app: two stacks per stage (stateful data, stateless code), checked by cdk-nag's AWS Solutions rules. */

import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadPreset, PRESET_IDS } from '#shared/policies/presets.ts';
import { assertCompiledFilesFresh } from '../compilers/compiled-files.ts';
import { type DeploymentConfig, deploymentConfig } from './config.ts';
import { buildConsole } from './console-build.ts';
import { acknowledgeDataFindings, acknowledgeFindings } from './nag-acknowledgements.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

/** Every role any preset pages or tells: one SNS topic each. */
export function allRoles(): string[] {
  return [...new Set(PRESET_IDS.flatMap((id) => Object.keys(loadPreset(id).spec.roles)))].sort();
}

/** `consoleSite`: the directory the console was built into (buildConsole at synth; a fixture in the tests). */
export function buildApp(app: App, config: DeploymentConfig, consoleSite: string): { stateful: StatefulStack; stateless: StatelessStack } {
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const stateful = new StatefulStack(app, `SlaEscalator-${config.stage}-Data`, {
    env,
    stage: config.stage,
    roles: allRoles(),
    mailBucketName: config.mailBucketName,
  });
  const stateless = new StatelessStack(app, `SlaEscalator-${config.stage}-Service`, {
    env,
    config,
    table: stateful.table,
    mailBucket: stateful.mailBucket,
    mailKey: stateful.mailKey,
    topicKey: stateful.topicKey,
    roleTopics: stateful.roleTopics,
    oncallSecret: stateful.oncallSecret,
    inboundSms: stateful.inboundSms,
    consoleSite,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  acknowledgeFindings(stateless, config);
  acknowledgeDataFindings(stateful);
  return { stateful, stateless };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  assertCompiledFilesFresh();
  const app = new App();
  buildApp(app, deploymentConfig(app.node.tryGetContext('slaEscalator')), await buildConsole());
  app.synth();
}
