import { beforeEach, describe, expect, it } from 'vitest';
import type { DynamoDirectory } from '../../functions/adapters/dynamo/directory.ts';
import { optedOutNumbers } from '../../functions/adapters/sns-opt-outs.ts';
import { mirrorOptOuts } from '../../functions/sweeper/opt-out-mirror.ts';
import { sweep } from '../../functions/sweeper/sweeper.ts';
import { ANA, BO, pagedTicket } from '../support/paged-ticket.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

/** SNS's opted-out list as ListPhoneNumbersOptedOut pages it (up to 100 a page, then a nextToken). */
function snsList(numbers: readonly string[]) {
  const calls: Array<string | undefined> = [];
  return {
    calls,
    sns: {
      send: async (command: { input: { nextToken?: string } }) => {
        calls.push(command.input.nextToken);
        const from = Number(command.input.nextToken ?? 0);
        const page = numbers.slice(from, from + 100);
        return { phoneNumbers: page, ...(from + 100 < numbers.length && { nextToken: String(from + 100) }) };
      },
    },
  };
}

const strangers = (n: number) => Array.from({ length: n }, (_, i) => `+1202555${String(i).padStart(4, '0')}`);

describe('the SMS opt-out mirror', () => {
  let table: TestTable, directory: DynamoDirectory;
  beforeEach(async () => {
    table = await testTable('2026-03-02T14:00:00Z');
    ({ directory } = await pagedTicket(table));
  });

  it('records directory numbers found on any page of SNS’s list as opted out, once', async () => {
    const { sns, calls } = snsList([...strangers(150), BO.number, ...strangers(60).map((n) => n.replace('+1202', '+1303'))].sort());
    const deps = { optedOut: () => optedOutNumbers(sns as never), directory };
    table.clock.advance(60_000);
    expect(await mirrorOptOuts(deps, table.clock.now())).toBe(1);
    expect(calls).toEqual([undefined, '100', '200']);
    expect((await directory.getPerson(BO.id))?.sms).toEqual([
      expect.objectContaining({ number: BO.number, state: 'opted-out', optedOutAt: table.clock.now() }),
    ]);
    expect((await directory.getPerson(ANA.id))?.sms[0]?.state).toBe('verified');
    const version = (await directory.getPerson(BO.id))?.version;
    expect(await mirrorOptOuts(deps, table.clock.now() + 60_000)).toBe(0);
    expect((await directory.getPerson(BO.id))?.version).toBe(version);
  });

  it('does not call SNS when no number in the directory could still opt out', async () => {
    const { sns, calls } = snsList([ANA.number, BO.number]);
    const deps = { optedOut: () => optedOutNumbers(sns as never), directory };
    expect(await mirrorOptOuts(deps, table.clock.now())).toBe(2);
    expect(await mirrorOptOuts(deps, table.clock.now())).toBe(0);
    expect(calls).toEqual([undefined]);
  });

  it('runs in each sweep, and a failing mirror never fails the sweep', async () => {
    const warned: string[] = [];
    const base = {
      tickets: { overdue: async () => [] },
      notify: { handOff: async () => {} },
      now: table.clock.now,
      warn: (message: string) => warned.push(message),
    };
    const { sns } = snsList([ANA.number]);
    expect(await sweep({ ...base, optOuts: { optedOut: () => optedOutNumbers(sns as never), directory } })).toMatchObject({ optedOut: 1 });
    const throttled = {
      send: async () => {
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
      },
    };
    expect(await sweep({ ...base, optOuts: { optedOut: () => optedOutNumbers(throttled as never), directory } })).toMatchObject({
      optedOut: 0,
    });
    expect(warned).toEqual(['the SMS opt-out mirror failed']);
  });
});
