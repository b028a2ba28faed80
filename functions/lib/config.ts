/**
 * The functions' environment. Each function declares its own settings as one zod/mini schema
 * (`functions/<name>/environment.ts`); the CDK app types what it passes from the same schema
 * (`DeployedEnvironment`), and the Lambda entry point parses it once, before the first event is
 * read (`entryPoint`).
 */

import './zod-english.ts';
import * as z from 'zod/mini';
import { once } from './once.ts';

/** A setting that must be there and not empty. One instance for all: each schema built at import costs the cold start. */
export const setting = z.string().check(z.minLength(1));

/** The DynamoDB table. */
export const tableName = z.string().check(z.minLength(1, 'TABLE_NAME must name the DynamoDB table'));

/** AWS_REGION: the Lambda runtime always sets it, the local stack names its region itself; there is no default. */
export const region = setting;

/** `process.env`, or a test's stand-in for it. */
export type Variables = Readonly<Record<string, string | undefined>>;

/** A function's settings, validated; a missing or invalid setting throws, naming the variable. */
export function parseEnvironment<S extends z.ZodMiniObject>(schema: S, variables: Variables = process.env): z.infer<S> {
  const result = schema.safeParse(variables);
  if (!result.success) {
    throw new Error(`invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return result.data;
}

/**
 * What a deployment sets for a function: every variable of its schema but AWS_REGION (set by the
 * Lambda runtime), the optional ones optionally. The CDK app types each function's `environment`
 * with it, so a renamed, missing or unknown variable fails `tsc`.
 */
export type DeployedEnvironment<S extends z.ZodMiniObject> = Omit<{ readonly [K in keyof z.input<S>]: string }, 'AWS_REGION'>;

/**
 * A Lambda entry point: the handler `create` makes over the production dependencies, which (and
 * with them the function's environment) are built once, at the first invocation, before its event
 * is read. A missing or invalid setting fails that invocation with the variable's name, a
 * deployment error, instead of reaching the handler's own error handling (for the API, a 500 to
 * whoever called first).
 */
export function entryPoint<D, E, C, R>(
  productionDeps: () => D,
  create: (deps: () => D) => (event: E, context: C) => Promise<R>,
): (event: E, context: C) => Promise<R> {
  const deps = once(productionDeps);
  const handler = create(deps);
  return async (event, context) => {
    deps();
    return handler(event, context);
  };
}

/** The support mailbox's address (SUPPORT_ADDRESS): where customers write, and the sender of what we write. */
export const supportAddress = z.email();

/** The two-way number SMS come from (E.164; SNS's `AWS.MM.SMS.OriginationNumber`). */
export const originationNumber = z.string().check(z.regex(/^\+[1-9][0-9]{6,14}$/, 'SMS_ORIGINATION_NUMBER must be E.164'));
