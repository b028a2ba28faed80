/**
 * A program an integrator would write with the client: open a ticket, read its deadlines, list the
 * queue. test/client/client.test.ts type-checks it with tsc and runs it against the local API.
 */

import { createSlaClient, type Schema } from '../../client/index.ts';

export async function openReadAndQueue(baseUrl: string, customerToken: string, agentToken: string) {
  const customer = createSlaClient(baseUrl, customerToken);
  const created = await customer.POST('/tickets', {
    body: { subject: 'Provisioning fails', description: 'SIM activations time out since 09:00 UTC.', severity: 'high' },
  });
  if (created.error !== undefined) throw new Error(`could not open a ticket: ${created.error.detail}`);
  const caseId: number = created.data.caseId;

  const read = await customer.GET('/tickets/{caseId}', { params: { path: { caseId: String(caseId) } } });
  if (read.error !== undefined) throw new Error(`could not read case ${caseId}: ${read.error.detail}`);
  const deadlines: Schema<'Deadline'>[] = read.data.deadlines;
  const due = deadlines.map(({ kind, due }) => ({ kind, due }));

  const agent = createSlaClient(baseUrl, agentToken);
  const queue = await agent.GET('/queue', { params: { query: { limit: 10 } } });
  if (queue.error !== undefined) throw new Error(`could not list the queue: ${queue.error.detail}`);
  const queued: number[] = queue.data.items.map((ticket) => ticket.caseId);

  const refused = await customer.GET('/queue', {});
  return { caseId, due, queued, refusedStatus: refused.response.status, refusedProblem: refused.error };
}
