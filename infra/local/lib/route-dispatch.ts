/**
 * API Gateway's route integrations, locally: a request goes to the function its route names
 * (`lambda` in the route table: the policy publisher's routes), every other to the api function,
 * as the CDK app wires them (infra/aws/http-api.ts).
 */

import type { ApiHandler } from '../../../functions/api/route-handler.ts';
import { matchRoute } from '../../../functions/api/routes.ts';

export function dispatchByRoute(functions: { readonly api: ApiHandler; readonly policyPublisher: ApiHandler }): ApiHandler {
  return (event, context) => {
    const matched = matchRoute(event.requestContext.http.method, event.rawPath);
    const target = matched !== undefined && 'route' in matched ? (matched.route.lambda ?? 'api') : 'api';
    return functions[target](event, context);
  };
}
