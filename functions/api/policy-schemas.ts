/** The policy routes' request bodies and query strings (zod/mini), built on first use. */

import '../lib/zod-english.ts';
import * as z from 'zod/mini';
import { once } from '../lib/once.ts';
import { cursor, limit } from './schemas.ts';

/** A policy id, as the policy schema takes it (the `{id}` of `/policies/{id}` and a document's `id`). */
export const policyIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** The largest policy document a publish takes, as YAML or JSON text (the presets are 3–9 KiB). */
export const MAX_POLICY_DOCUMENT_BYTES = 64 * 1024;

/**
 * A policy document as JSON: what `sla validate` takes (docs/policies.md). The publisher validates
 * it whole with the policy schema; here only `id` and `version`, which a publish may leave out.
 */
export const policyDocumentBody = once(() =>
  z.looseObject({
    id: z.optional(
      z.string().check(
        z.regex(policyIdPattern, {
          error: 'expected a policy id like "acme-support" (lower-case letters, digits, "-" or "_", at most 64)',
        }),
      ),
    ),
    version: z.optional(z.int().check(z.gte(1, { error: 'expected a version of 1 or more' }))),
  }),
);

/** `?dryRun=true`: answer what the publish would do, store nothing. */
export const policyPublishQuery = once(() =>
  z.strictObject({ dryRun: z.optional(z.enum(['true', 'false'], { error: 'expected "true" or "false"' })) }),
);

/** `GET /policies/{id}/versions`: newest first; the cursor is the version to continue below. */
export const policyVersionListQuery = once(() => z.strictObject({ cursor: cursor(), limit: limit(20) }));
