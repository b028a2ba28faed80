/** Reading a synthesized service template the way the CDK tests do: functions by name, a function's role's statements. */

import type { Template } from 'aws-cdk-lib/assertions';

/** Template JSON, as the assertions library types it. */
export type Json = ReturnType<Template['toJSON']>;
export type Resource = { Type: string; Properties: Json; DeletionPolicy?: string };
export type Statement = { Sid?: string; Effect: string; Action: string | string[]; Principal?: Json; Resource: unknown; Condition: Json };

export const actionsOf = (statement: Statement) => [statement.Action].flat();
export const text = (value: unknown) => JSON.stringify(value);

export function templateReader(resources: Record<string, Resource>) {
  /** The logical id of the function whose POWERTOOLS_SERVICE_NAME is sla-escalator-<name>. */
  const functionId = (name: string): string => {
    const found = Object.entries(resources).find(
      ([, r]) =>
        r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === `sla-escalator-${name}`,
    );
    if (found === undefined) throw new Error(`no function ${name}`);
    return found[0];
  };
  /** Every statement of the identity policies attached to a function's role. */
  const statementsOf = (name: string): Statement[] => {
    const role = (resources[functionId(name)] as Resource).Properties.Role['Fn::GetAtt'][0];
    return Object.values(resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy' && text(r.Properties.Roles).includes(role))
      .flatMap((r) => r.Properties.PolicyDocument.Statement as Statement[]);
  };
  return { functionId, statementsOf };
}
