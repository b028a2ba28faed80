import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPLY_CODE } from '#shared/oncall/reply-codes.ts';
import { DynamoReplyCodes } from '../../functions/adapters/dynamo/reply-codes.ts';
import { type TestTable, testTable } from '../support/test-table.ts';

const ANA = '+4915112345678';
const BEN = '+4915112345679';
const HOUR = 3_600_000;

describe('reply codes on DynamoDB', () => {
  let table: TestTable, codes: DynamoReplyCodes, now: number;
  beforeAll(async () => {
    table = await testTable();
    codes = new DynamoReplyCodes({ client: table.documents, table: table.name, clock: table.clock.now });
    now = table.clock.now();
  });
  const page = (number: string, caseId: number, deadline = 'response', sentAt = now) => ({
    number,
    caseId,
    deadline,
    person: 'ana',
    sentAt,
    expiresAt: sentAt + 24 * HOUR,
  });

  it('gives each open page to a number the smallest free code, the same code again for the same page, and per number', async () => {
    expect((await codes.allocate(page(ANA, 10001), now))?.code).toBe(1);
    expect((await codes.allocate(page(ANA, 10002), now))?.code).toBe(2);
    expect((await codes.allocate(page(ANA, 10001), now))?.code).toBe(1); // a retry of the same page
    expect((await codes.allocate(page(BEN, 10002), now))?.code).toBe(1);
    expect(await codes.byCode(ANA, 2, now)).toMatchObject({ caseId: 10002, number: ANA, code: 2 });
    expect(await codes.byCode(ANA, 3, now)).toBeUndefined();
  });

  it('never gives two concurrent pages to one number the same code', async () => {
    const number = '+4915112345670';
    const taken = await Promise.all(Array.from({ length: 8 }, (_, i) => codes.allocate(page(number, 20001 + i), now)));
    expect(taken.map((c) => c?.code).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('frees a code when its page expires, and answers the latest live page for a bare "a"', async () => {
    const number = '+4915112345671';
    await codes.allocate({ ...page(number, 30001), textedAt: now, expiresAt: now + HOUR }, now);
    await codes.allocate({ ...page(number, 30002, 'response', now + 1), textedAt: now + 1 }, now + 1);
    expect((await codes.latest(number, now + 2))?.caseId).toBe(30002);
    expect(await codes.byCode(number, 1, now + HOUR)).toBeUndefined();
    expect((await codes.allocate(page(number, 30003, 'response', now + HOUR), now + HOUR))?.code).toBe(1);
  });

  it('counts for a bare "a" only pages texted, in the order they were texted, stamped only while the code is theirs', async () => {
    const number = '+4915112345673';
    const first = await codes.allocate(page(number, 50001), now);
    const held = await codes.allocate(page(number, 50002, 'response', now + 1), now + 1);
    if (first === undefined || held === undefined) throw new Error('no codes');
    expect(await codes.latest(number, now + 2)).toBeUndefined(); // nothing texted yet
    await codes.markTexted(number, [first], now + 2);
    expect(await codes.latest(number, now + 3)).toMatchObject({ caseId: 50001, code: first.code, textedAt: now + 2 });
    // A held page (50002, the newer code) stays out of it until its SMS goes; then it is the latest.
    await codes.markTexted(number, [held], now + 4);
    expect((await codes.latest(number, now + 5))?.caseId).toBe(50002);
    // The code went to another page meanwhile: the old page's stamp does not touch it.
    await codes.markTexted(number, [{ code: first.code, caseId: 59999, deadline: 'response' }], now + 6);
    expect(await codes.byCode(number, first.code, now + 7)).toMatchObject({ caseId: 50001, textedAt: now + 2 });
  });

  it('answers undefined when all codes of a number are taken', async () => {
    const number = '+4915112345672';
    for (let i = 1; i <= MAX_REPLY_CODE; i++) await codes.allocate(page(number, 40000 + i), now);
    expect(await codes.allocate(page(number, 49999), now)).toBeUndefined();
  }, 60_000);
});
