/** What each route does, by resource: parse → call the domain → persist → respond. What an operation is: operation.ts. */

import { once } from '../lib/once.ts';
import { ACK_OPERATIONS } from './ack-operations.ts';
import compiledOpenApi from './compiled-openapi.json' with { type: 'json' };
import { HELD_MAIL_OPERATIONS } from './held-mail-operations.ts';
import { MEMBERSHIP_OPERATIONS } from './membership-operations.ts';
import { NOTICE_OPERATIONS } from './notice-operations.ts';
import { PEOPLE_OPERATIONS } from './oncall-operations.ts';
import type { Operation } from './operation.ts';
import { ORG_OPERATIONS } from './org-operations.ts';
import { POLICY_OPERATIONS } from './policy-operations.ts';
import { REPORT_OPERATIONS } from './report-operations.ts';
import { ROLE_OPERATIONS } from './rotation-operations.ts';
import type { ApiRouteKey } from './routes.ts';
import { TICKET_OPERATIONS } from './ticket-operations.ts';
import { TIER_REVIEW_OPERATIONS } from './tier-review-operations.ts';
import { TIME_OPERATIONS } from './time-operations.ts';
import { USAGE_OPERATIONS } from './usage-operations.ts';
import { WEBHOOK_OPERATIONS } from './webhook-operations.ts';

/** The OpenAPI document, compiled from the route table (infra/compilers/openapi-document.ts), parsed when first asked for. */
const openApiDocument = once((): unknown => JSON.parse(compiledOpenApi));

export const OPERATIONS: Record<ApiRouteKey, Operation> = {
  'GET /health': async (_, deps) => ({ status: 200, body: { status: 'ok', time: new Date(deps.now()).toISOString() } }),
  'GET /openapi.json': async () => ({ status: 200, body: openApiDocument() }),
  ...ORG_OPERATIONS,
  ...MEMBERSHIP_OPERATIONS,
  ...TICKET_OPERATIONS,
  ...POLICY_OPERATIONS,
  ...HELD_MAIL_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...PEOPLE_OPERATIONS,
  ...ROLE_OPERATIONS,
  ...ACK_OPERATIONS,
  ...TIER_REVIEW_OPERATIONS,
  ...NOTICE_OPERATIONS,
  ...TIME_OPERATIONS,
  ...USAGE_OPERATIONS,
  ...REPORT_OPERATIONS,
};
