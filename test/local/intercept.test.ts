import { describe, expect, inject, it } from 'vitest';
import { CallCounter, intercept } from '../../infra/local/lib/intercept.ts';
import { LocalClock } from '../../infra/local/lib/local-clock.ts';
import { LocalRuntime } from '../../infra/local/lib/local-runtime.ts';
import { as, caller } from '../support/api-events.ts';
import { freshTable } from '../support/test-table.ts';

/** A stand-in that, like the local Scheduler invoking Lambda, also calls its own `send`. */
class StandIn {
  readonly received: unknown[] = [];

  async send(command: unknown): Promise<string> {
    this.received.push(command);
    return 'done';
  }

  /** Work AWS does for us, through the stand-in's own `send`. */
  ownCall(): Promise<string> {
    return this.send('own');
  }
}

const down = async (): Promise<never> => {
  throw new Error('injected fault');
};

describe('intercept on a local stand-in', () => {
  it('faults the calls made through its wrapper and leaves the stand-in itself, and so its own calls, alone', async () => {
    const standIn = new StandIn();
    const wrapped = intercept(standIn, 'finalizeRequest', 'injectFaults', down);
    await expect(wrapped.send('ours')).rejects.toThrow('injected fault');
    await expect(standIn.ownCall()).resolves.toBe('done');
    await expect(standIn.send('direct')).resolves.toBe('done');
    expect(standIn.received).toEqual(['own', 'direct']);
  });

  it('counts only the calls made through the wrapper', async () => {
    const standIn = new StandIn();
    const counter = new CallCounter();
    const wrapped = counter.wrap('scheduler', standIn);
    await wrapped.send('ours');
    await standIn.ownCall();
    expect(counter.snapshot()).toEqual({ scheduler: 1 });
  });
});

describe('injected faults on the local stack', () => {
  it('never reach the Scheduler stand-in’s own invokes of notify: a Lambda that fails every call of ours still pages on schedule', async () => {
    const { name: table } = await freshTable('intercept');
    const clock = new LocalClock('manual', Date.parse('2026-03-02T14:00:00Z')); // Monday 09:00 in New York
    const runtime = new LocalRuntime({
      dynamoEndpoint: inject('dynamoEndpoint'),
      table,
      clock,
      wrap: (service, client) => (service === 'lambda' ? intercept(client, 'finalizeRequest', 'lambdaDown', down) : client),
    });
    const call = caller(runtime.api);
    await call('POST', '/orgs', { claims: as.admin(), body: { id: 'acme', name: 'acme', policy: 'kore', tier: 'premium', region: 'us' } });
    const created = await call<{ caseId: number }>('POST', '/tickets', {
      claims: as.customer('acme'),
      body: { subject: 'Slow', description: 'Slow pages', severity: 'low' },
    });
    await runtime.advanceTo(Date.parse('2026-03-02T23:00:00Z')); // low: 8 working hours, so the response breach at 17:00 New York
    expect(runtime.scheduler.deadLetters).toEqual([]);
    const pages = runtime.outbox.items.filter((i) => i.caseId === created.body.caseId);
    expect(pages.map((p) => `${p.at.slice(11, 16)} ${p.channel} ${p.role} ${p.kind}`)).toEqual([
      '22:00 sms tier1 response',
      '22:00 email tier1 response',
    ]);
  });
});
