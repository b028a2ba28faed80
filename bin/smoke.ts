#!/usr/bin/env node
/** `npm run smoke -- --stage <stage> [--mail-to-support] [--region <region>] [--severity <s>] [--org <id>]` (see bin/smoke-run.ts). */

import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { runSmoke, type SmokeExit } from './smoke-run.ts';

export const USAGE =
  'usage: npm run smoke -- --stage <stage> [--mail-to-support] [--region <region>] [--severity <severity>] [--org <org>]\n' +
  '  needs SLA_SMOKE_TOKEN (a Cognito ID token) and AWS credentials for the stage';

export async function main(argv: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<SmokeExit> {
  let values: { stage?: string; 'mail-to-support'?: boolean; region?: string; severity?: string; org?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        stage: { type: 'string' },
        'mail-to-support': { type: 'boolean' },
        region: { type: 'string' },
        severity: { type: 'string' },
        org: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    log(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.stage === undefined) {
    log(USAGE);
    return 2;
  }
  const region = values.region ?? env.AWS_REGION;
  const config = region === undefined ? {} : { region };
  return runSmoke(
    { stage: values.stage, mailToSupport: values['mail-to-support'] === true, severity: values.severity ?? 'low', org: values.org },
    {
      cloudFormation: new CloudFormationClient(config),
      scheduler: new SchedulerClient(config),
      cloudWatch: new CloudWatchClient(config),
      ses: new SESv2Client(config),
      fetch,
      token: env.SLA_SMOKE_TOKEN,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => new Date(),
      log,
      runId: new Date().toISOString().replace(/[:.]/g, '-'),
    },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2), process.env, (line) => console.log(line));
}
