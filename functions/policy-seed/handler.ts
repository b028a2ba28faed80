/**
 * Seeds the presets as stored policies (shared/policies/seed-presets.ts): run by a CDK trigger
 * after each deploy that changes this function (so every deploy that ships changed presets), and
 * idempotent, so running it again writes nothing (docs/aws-runbook.md).
 */

import { seedPresetPolicies } from '#shared/policies/seed-presets.ts';
import { documentClient } from '../adapters/dynamo/client.ts';
import { DynamoPolicyStore } from '../adapters/dynamo/policies.ts';
import { entryPoint, parseEnvironment } from '../lib/config.ts';
import { policySeedEnvironment } from './environment.ts';

export interface SeedDeps {
  readonly policies: DynamoPolicyStore;
  readonly now: () => number;
}

export function createPolicySeedHandler(deps: () => SeedDeps) {
  return async (): Promise<{ written: number }> => {
    const { policies, now } = deps();
    return { written: await seedPresetPolicies(policies, now()) };
  };
}

export function productionDeps(): SeedDeps {
  const { TABLE_NAME, AWS_REGION } = parseEnvironment(policySeedEnvironment);
  return { policies: new DynamoPolicyStore({ client: documentClient(AWS_REGION), table: TABLE_NAME, clock: Date.now }), now: Date.now };
}

/** The Lambda entry point. */
export const handler = entryPoint(productionDeps, createPolicySeedHandler);
