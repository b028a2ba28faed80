/** The functions' environment, read and validated once. */

import { z } from 'zod';

const environment = z.object({
  TABLE_NAME: z.string().min(1, 'TABLE_NAME must name the DynamoDB table'),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  /** Only set by the local stack: DynamoDB Local's URL. */
  DYNAMODB_ENDPOINT: z.url().optional(),
});

export type Config = z.infer<typeof environment>;

let loaded: Config | undefined;

export function config(): Config {
  if (loaded === undefined) {
    const result = environment.safeParse(process.env);
    if (!result.success) {
      throw new Error(`invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    loaded = result.data;
  }
  return loaded;
}
