/** `npm run chaos [-- --json] [-- --tickets 500 --faults 0.1 --lost-records 0.05 --deleted-schedules 0.05 --seed 7 --days 7]` */

import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from '../infra/local/lib/dynamodb-local.ts';
import { runChaos } from './chaos.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    tickets: { type: 'string', default: '500' },
    faults: { type: 'string', default: process.env.SLA_FAULTS ?? '0.1' },
    seed: { type: 'string', default: process.env.SLA_FAULTS_SEED ?? '7' },
    days: { type: 'string', default: '7' },
    'lost-records': { type: 'string', default: '0.05' },
    'deleted-schedules': { type: 'string', default: '0.05' },
  },
});

const dynamo = await startDynamoDbLocal();
try {
  const started = Date.now();
  const result = await runChaos({
    tickets: Number(values.tickets),
    faults: Number(values.faults),
    seed: Number(values.seed),
    days: Number(values.days),
    lostRecords: Number(values['lost-records']),
    deletedSchedules: Number(values['deleted-schedules']),
    dynamoEndpoint: dynamo.endpoint,
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    console.table([{ ...result, aws_calls_per_ticket: JSON.stringify(result.aws_calls_per_ticket) }]);
    console.log(
      `faults ${values.faults}, lost stream records ${values['lost-records']}, deleted schedules ${values['deleted-schedules']} (seed ${values.seed}) over ${values.days} simulated days; ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  process.exitCode = result.lost === 0 && result.unexpected === 0 && result.duplicated <= result.duplicates_explained ? 0 : 1;
} finally {
  await dynamo.stop();
}
