/** Case ids: one atomic counter in the table, shared by every process that creates tickets. */

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from './table.ts';
import { FIRST_CASE_ID, keys } from './table-design.ts';

export class DynamoCaseIds {
  /** Callers waiting for a case id, and whether an `ADD` on the counter is on its way (see `next`). */
  private readonly requests: { resolve: (caseId: number) => void; reject: (error: unknown) => void }[] = [];
  private allocating = false;

  constructor(private readonly at: Omit<TableContext, 'clock'>) {}

  /**
   * Case ids come from one atomic counter, so they increase in the order the counter's writes
   * land, whichever process makes them. Requests that ask while an `ADD` is on its way share the
   * next one: `ADD n` hands them n consecutive ids, in the order they asked. A Lambda instance
   * serves one request at a time and so always adds 1; a process serving many requests (the local
   * stack) saves a write per waiting request. Ids are never reserved ahead of a request. Gaps come
   * from failures, as before, except that a shared write that fails after it was applied leaves n
   * ids unused, not 1.
   */
  next(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.requests.push({ resolve, reject });
      if (!this.allocating) void this.allocate();
    });
  }

  /** The last case id handed out (`FIRST_CASE_ID - 1` before the first). */
  async latest(): Promise<number> {
    const { Item } = await this.at.client.send(
      new GetCommand({ TableName: this.at.table, Key: keys.caseIdCounter(), ConsistentRead: true }),
    );
    return FIRST_CASE_ID - 1 + (Item === undefined ? 0 : Number(Item.issued));
  }

  private async allocate(): Promise<void> {
    this.allocating = true;
    while (this.requests.length > 0) {
      const waiting = this.requests.splice(0);
      try {
        // `ADD` creates the counter on first use; case ids count on from `FIRST_CASE_ID`.
        const { Attributes } = await this.at.client.send(
          new UpdateCommand({
            TableName: this.at.table,
            Key: keys.caseIdCounter(),
            UpdateExpression: 'ADD #issued :n',
            ExpressionAttributeNames: { '#issued': 'issued' },
            ExpressionAttributeValues: { ':n': waiting.length },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        const first = FIRST_CASE_ID + Number(Attributes?.issued) - waiting.length;
        for (const [i, request] of waiting.entries()) request.resolve(first + i);
      } catch (error) {
        for (const request of waiting) request.reject(error);
      }
    }
    this.allocating = false;
  }
}
