import { beforeAll, describe, expect, inject, it } from 'vitest';
import { documentsOf } from '../../functions/adapters/dynamo/client.ts';
import { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { CallCounter } from '../../infra/local/lib/intercept.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { dailyRotation, person } from '../support/people-paging.ts';
import { freshTable } from '../support/test-table.ts';

const ANA = '+4915112345678';

describe('pages to people on the local stack', () => {
  let runtime: LocalRuntime, counter: CallCounter, caseId: number;
  let before: Record<string, number>, after: Record<string, number>;
  beforeAll(async () => {
    const { name: table, client } = await freshTable('people');
    const clock = new LocalClock('manual', Date.parse('2026-03-02T14:00:00Z'));
    counter = new CallCounter();
    runtime = new LocalRuntime({ dynamoEndpoint: inject('dynamoEndpoint'), table, clock, wrap: counter.wrap });
    const directory = new DynamoDirectory({ client: documentsOf(client), table, clock: clock.now });
    await directory.putPerson(person('ana', [ANA]), { mustBeNew: true }, clock.now());
    await directory.putSchedule(dailyRotation('manager', ['ana']), { mustBeNew: true }, clock.now());
    const call = caller(runtime.api);
    await call('POST', '/orgs', { claims: as.admin(), body: { id: 'acme', name: 'acme', policy: 'kore', tier: 'premium', region: 'us' } });
    const open = () =>
      call<{ caseId: number }>('POST', '/tickets', {
        claims: as.customer('acme'),
        body: { subject: 'Outage', description: 'Down', severity: 'urgent' },
      });
    await open(); // warm up (the org read is cached afterwards); its page also takes ana's first SMS slot
    await runtime.settle();
    await runtime.advanceTo(clock.now() + 60_000); // past the throttle's 30 s
    before = counter.snapshot();
    caseId = (await open()).body.caseId;
    await runtime.settle();
    after = counter.snapshot();
  });

  it('texts and e-mails the manager on call, naming her in the outbox, and the other roles by topic', () => {
    const items = runtime.outbox.items.filter((i) => i.caseId === caseId);
    expect(items.map((i) => `${i.channel} ${i.person ?? i.role} ${i.to ?? ''}`)).toEqual([
      `sms ana ${ANA}`,
      'email ana ana@kore.example',
      'email director ',
      'email vp ',
    ]);
    expect(items[0]?.text).toMatch(/ Reply 2a to ack, 2c to resolve$/); // code 1 is the first ticket's, still open
    expect(items[1]?.text).toMatch(/http:\/\/127\.0\.0\.1:3000\/ack\/\S+/);
  });

  it('costs one Publish per person and channel (and one per topic), plus the delivery records', () => {
    const delta = (service: string) => (after[service] ?? 0) - (before[service] ?? 0);
    expect(delta('sns')).toBe(3); // ana's SMS, and the director's and the VP's topics
    expect(delta('ses')).toBe(1); // ana's e-mail
  });
});
