/** Who hears about what: SMS subscriptions take only pages; e-mail takes pages and notices. */

import { SubscriptionFilter, type Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SmsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { DeploymentConfig } from './config.ts';

/**
 * Phone numbers come from SSM String parameters, which CloudFormation resolves at deploy time
 * (a template parameter of type `AWS::SSM::Parameter::Value<String>`): neither the repository nor
 * the synthesized template holds a number. Change a number in Parameter Store, then redeploy.
 */
export function subscribe(roleTopics: ReadonlyMap<string, Topic>, subscriptions: DeploymentConfig['subscriptions']): void {
  for (const [role, who] of Object.entries(subscriptions)) {
    const topic = roleTopics.get(role);
    if (topic === undefined) throw new Error(`subscriptions name an unknown role "${role}" (roles: ${[...roleTopics.keys()].join(', ')})`);
    for (const parameter of who.sms)
      topic.addSubscription(
        new SmsSubscription(StringParameter.valueForStringParameter(topic, parameter), {
          filterPolicy: { delivery: SubscriptionFilter.stringFilter({ allowlist: ['page'] }) },
        }),
      );
    for (const address of who.email) topic.addSubscription(new EmailSubscription(address));
  }
}
