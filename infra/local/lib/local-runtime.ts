/**
 * The local stack's wiring, which `npm start`, the tests and the benches all run on: the production
 * handler modules (API, schedule-sync, notify, sweeper, inbound and outbound mail, webhook fan-out
 * and sender) and their production adapters, with the SDK clients they call replaced by stand-ins
 * (Scheduler, SNS, SES, S3, SQS, Lambda's asynchronous invocation), stream pollers in place of
 * Lambda's event source mappings, and one clock for everything. How time passes on it is `DueRunner`'s.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { OncallKeys } from '#shared/oncall/ports.ts';
import { CachingPolicyCatalog } from '#shared/policies/catalog.ts';
import type { RateLimits } from '#shared/rate/token-bucket.ts';
import { documentsOf } from '../../../functions/adapters/dynamo/client.ts';
import { DynamoDirectory } from '../../../functions/adapters/dynamo/directory.ts';
import { DynamoDueIndex } from '../../../functions/adapters/dynamo/due-index.ts';
import { DynamoHeldMailStore } from '../../../functions/adapters/dynamo/held-mail.ts';
import { DynamoMailOutbox } from '../../../functions/adapters/dynamo/mail-outbox.ts';
import { DynamoNoticeStore } from '../../../functions/adapters/dynamo/notices.ts';
import { DynamoOutcomes } from '../../../functions/adapters/dynamo/outcomes.ts';
import { DynamoPolicyStore, storedPolicyCatalog } from '../../../functions/adapters/dynamo/policies.ts';
import { DynamoRateLimiter } from '../../../functions/adapters/dynamo/rate-limiter.ts';
import { DynamoReplyCodes } from '../../../functions/adapters/dynamo/reply-codes.ts';
import { DynamoSmsThrottle } from '../../../functions/adapters/dynamo/sms-throttle.ts';
import { keys } from '../../../functions/adapters/dynamo/table-design.ts';
import { DynamoTicketStore } from '../../../functions/adapters/dynamo/ticket-store.ts';
import { DynamoTierReviews } from '../../../functions/adapters/dynamo/tier-reviews.ts';
import { DynamoTimeLedger } from '../../../functions/adapters/dynamo/time-entries.ts';
import { DynamoWebhookStore } from '../../../functions/adapters/dynamo/webhooks.ts';
import { EventBridgeSchedules } from '../../../functions/adapters/eventbridge-schedules.ts';
import { LambdaHandoff } from '../../../functions/adapters/lambda-handoff.ts';
import { S3MailStore } from '../../../functions/adapters/s3-mail-store.ts';
import { SesMailer } from '../../../functions/adapters/ses-mailer.ts';
import { optedOutNumbers } from '../../../functions/adapters/sns-opt-outs.ts';
import { SnsPager } from '../../../functions/adapters/sns-pager.ts';
import { SnsSmsSender } from '../../../functions/adapters/sns-sms.ts';
import { SqsWakeups } from '../../../functions/adapters/sqs-wakeups.ts';
import { HttpWebhookCaller } from '../../../functions/adapters/webhook-caller.ts';
import { createApiHandler } from '../../../functions/api/handler.ts';
import type { ApiHandler } from '../../../functions/api/route-handler.ts';
import { createInboundEmailHandler } from '../../../functions/inbound-email/handler.ts';
import { createNotifyHandler } from '../../../functions/notify/handler.ts';
import type { NotifyDeps } from '../../../functions/notify/notify.ts';
import { createOutboundMailHandler } from '../../../functions/outbound-mail/handler.ts';
import { createPublishRoutesHandler } from '../../../functions/policy-publisher/handler.ts';
import { BudgetedReplans } from '../../../functions/policy-publisher/replan.ts';
import { createScheduleSyncHandler } from '../../../functions/schedule-sync/handler.ts';
import { createSweeperHandler } from '../../../functions/sweeper/handler.ts';
import { SWEEP_GRACE_MS, WEBHOOK_STRANDED_AFTER_MS } from '../../../functions/sweeper/sweeper.ts';
import { createWebhookFanoutHandler } from '../../../functions/webhook-fanout/handler.ts';
import { createWebhookSenderHandler } from '../../../functions/webhook-sender/handler.ts';
import { STREAM_CONSUMERS } from '../../aws/stream-consumers.ts';
import type { FunctionId } from '../../aws/table-access.ts';
import { WAKEUP_QUEUE } from '../../aws/wakeup-queue.ts';
import { DueRunner } from './due-runner.ts';
import { localDynamoConfig } from './dynamodb-local.ts';
import type { quickRetries } from './faults.ts';
import type { LocalClock } from './local-clock.ts';
import { ensureTierReviewReminders, localContracts } from './local-contracts.ts';
import { LocalLambda, SleepUntil } from './local-lambda.ts';
import { LocalS3, LocalSes, sesVerdictsOf } from './local-mail.ts';
import { type LocalOncall, localOncall } from './local-oncall.ts';
import { type LocalSchedule, LocalScheduler } from './local-scheduler.ts';
import { LOCAL_TOPIC_PREFIX, LocalSns } from './local-sns.ts';
import { LocalSqs } from './local-sqs.ts';
import { LocalSweeps } from './local-sweeps.ts';
import { Outbox } from './outbox.ts';
import { dispatchByRoute } from './route-dispatch.ts';
import { StreamPoller } from './stream-poller.ts';
import { withTableGrant } from './table-grants.ts';

export interface LocalRuntimeOptions {
  readonly dynamoEndpoint: string;
  readonly table: string;
  readonly clock: LocalClock;
  /** Where schedules, the stream position and outbox.jsonl are kept; none: memory only. */
  readonly dataDir?: string;
  readonly print?: (line: string) => void;
  /** Wraps each AWS client our functions use (fault injection, call counting). */
  readonly wrap?: <C extends { send: (...args: never[]) => unknown }>(service: string, client: C) => C;
  /** Retry strategy of the SDK clients (see `quickRetries` for runs with injected faults). */
  readonly retryStrategy?: ReturnType<typeof quickRetries>;
  /**
   * Per-organisation API rate limits. `npm start` passes the deployment's (`RATE_LIMITS`, else the
   * production defaults); none: unlimited, for tests and benches that replay load at machine speed.
   */
  readonly rateLimits?: RateLimits;
  /** How many queued notify runs go at once (Lambda's scale-out); default 1, a repeatable order. */
  readonly lambdaConcurrency?: number;
  /** The stream's consumers drain side by side, as on AWS; default one after the other, a repeatable order. */
  readonly concurrentConsumers?: boolean;
  /** Fault injection on what AWS does for us: lose stream records, delete schedules (the chaos run). */
  readonly awsFaults?: { readonly dropStreamRecord?: () => boolean; readonly deleteSchedule?: () => boolean };
  /** The console's origin, for ack links in pages (default: `npm start`'s). */
  readonly consoleUrl?: string;
}

const SUPPORT_ADDRESS = 'support@sla-escalator.local';
/** The local two-way number pages come from (a US fictional range). */
export const LOCAL_ORIGINATION_NUMBER = '+12025550100';
const MAIL_BUCKET = 'sla-escalator-mail';
const MAIL_PREFIX = 'inbound/';
/** Larger messages are refused (SES accepts up to 40 MB through S3). */
const MAX_MAIL_BYTES = 40 * 1024 * 1024;

const LOCAL_TARGET = {
  groupName: 'sla-escalator',
  targetArn: 'arn:aws:lambda:us-east-1:000000000000:function:sla-escalator-notify',
  roleArn: 'arn:aws:iam::000000000000:role/sla-escalator-scheduler',
  deadLetterArn: 'arn:aws:sqs:us-east-1:000000000000:sla-escalator-scheduler-dlq',
};

/** The contracts function as the notice reminders' Scheduler target (same group, dead-letter queue). */
const CONTRACTS_TARGET = {
  ...LOCAL_TARGET,
  targetArn: 'arn:aws:lambda:us-east-1:000000000000:function:sla-escalator-contracts',
  roleArn: 'arn:aws:iam::000000000000:role/sla-escalator-scheduler-contracts',
};

const WAKEUP_QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/000000000000/sla-escalator-webhook-wakeups';
const WAKEUP_QUEUE_ARN = 'arn:aws:sqs:us-east-1:000000000000:sla-escalator-webhook-wakeups';

/** On the local stack a webhook may also be `http://127.0.0.1:<port>`, a receiver on this machine. */
export const LOCAL_URL_RULES = { allowLoopbackHttp: true } as const;

export class LocalRuntime {
  readonly outbox: Outbox;
  /** SNS (role topics, SMS to phones and the opt-out list: a STOP reply is `sns.optOut(number)`). */
  readonly sns: LocalSns;
  readonly scheduler: LocalScheduler;
  /** Lambda's asynchronous invocation (notify's queue, retries and on-failure destination). */
  readonly lambda: LocalLambda;
  readonly store: DynamoTicketStore;
  readonly heldMail: DynamoHeldMailStore;
  /** Contract e-mail queued by the API, sent by outbound-mail from the stream. */
  readonly mailOutbox: DynamoMailOutbox;
  /** The HTTP API: the api function and the policy publisher behind their routes. */
  readonly api: ApiHandler;
  /** Stored policies (seeded with the presets by start.ts). */
  readonly policyStore: DynamoPolicyStore;
  readonly s3: LocalS3;
  /** Webhook endpoints and deliveries, and the queue that wakes the sender (webhook-sender's event source). */
  readonly webhooks: DynamoWebhookStore;
  readonly wakeupQueue: LocalSqs;
  readonly wakeups: SqsWakeups;
  private readonly inbound: ReturnType<typeof createInboundEmailHandler>;
  /** The ack-link and verification keys (random per data directory, kept in it). */
  readonly oncallKeys: OncallKeys;
  /** The staff directory and the roles' schedules. */
  readonly directory: LocalOncall['directory'];
  private readonly smsInbound: LocalOncall['receiveSms'];
  private readonly due: DueRunner;

  constructor(private readonly options: LocalRuntimeOptions) {
    const { clock, dataDir, dynamoEndpoint, table } = options;
    const wrap = options.wrap ?? ((_, client) => client);
    const file = (name: string) => (dataDir === undefined ? undefined : join(dataDir, name));
    this.outbox = new Outbox(file('outbox.jsonl'), options.print);
    this.scheduler = new LocalScheduler(file('schedules.json'), clock.now);
    this.lambda = new LocalLambda(
      clock.now,
      { queue: file('lambda-queue.json'), failures: file('on-failure.json') },
      options.lambdaConcurrency,
    );
    const local = localDynamoConfig(dynamoEndpoint);
    const dynamoClient = () =>
      wrap('dynamodb', new DynamoDBClient({ ...local, ...(options.retryStrategy && { retryStrategy: options.retryStrategy }) }));
    const dynamo = dynamoClient();
    /** A function's own table client, refusing what its IAM grant on AWS would refuse (table-grants.ts). */
    const tableOf = (fn: FunctionId) => ({ client: documentsOf(withTableGrant(dynamoClient(), fn)), table, clock: clock.now });
    this.store = new DynamoTicketStore(documentsOf(dynamo), table, clock.now);
    this.heldMail = new DynamoHeldMailStore(documentsOf(dynamo), table, clock.now);
    const schedulerClient = wrap('scheduler', this.scheduler as unknown as SchedulerClient);
    const oncallTable = { client: documentsOf(dynamo), table, clock: clock.now };
    const notifyTable = tableOf('notify');
    const sweeperTable = tableOf('sweeper');
    // Who holds a number, for the outbox: the stand-in's own reads (not notify's), so neither counted nor faulted.
    const phoneBook = new DynamoDirectory({ client: documentsOf(new DynamoDBClient(local)), table, clock: clock.now });
    this.sns = new LocalSns(this.outbox, clock.now, async (number) => (await phoneBook.personByNumber(number))?.id);
    const snsClient = wrap('sns', this.sns as unknown as SNSClient);
    // On-call: the keys, the directory, and the two-way number's inbound side (POST /_local/sms).
    ({
      keys: this.oncallKeys,
      directory: this.directory,
      receiveSms: this.smsInbound,
    } = localOncall({
      table: oncallTable,
      inboundTable: tableOf('smsInbound'),
      sns: snsClient,
      optOut: (n) => this.sns.optOut(n),
      dataDir,
      print: options.print,
    }));
    const schedules = new EventBridgeSchedules(schedulerClient, LOCAL_TARGET);
    const mailer = new SesMailer(wrap('ses', new LocalSes(this.outbox, clock.now) as unknown as SESv2Client), SUPPORT_ADDRESS);
    const notifyDeps: NotifyDeps = {
      store: new DynamoTicketStore(notifyTable.client, table, clock.now),
      policies: storedPolicyCatalog(notifyTable),
      pager: new SnsPager(snsClient, LOCAL_TOPIC_PREFIX),
      people: {
        directory: new DynamoDirectory(notifyTable),
        replyCodes: new DynamoReplyCodes(notifyTable),
        throttle: new DynamoSmsThrottle(notifyTable),
        flushes: schedules,
        sms: new SnsSmsSender(snsClient, LOCAL_ORIGINATION_NUMBER),
        mailer,
        ackLinkKeys: async () => this.oncallKeys.ackLinkKeys,
        consoleUrl: options.consoleUrl ?? 'http://127.0.0.1:3000',
        smsAckLinks: false,
      },
      now: clock.now,
      // On AWS notify sleeps until a deadline due within the minute; here its event runs again then.
      waitUntil: async (instant) => {
        if (instant > clock.now()) throw new SleepUntil(instant);
      },
    };
    const notify = createNotifyHandler(() => notifyDeps);
    this.lambda.register(LOCAL_TARGET.targetArn, (input) => notify(input, { awsRequestId: 'local' } as never));
    const handoff = new LambdaHandoff(wrap('lambda', this.lambda as unknown as LambdaClient), LOCAL_TARGET.targetArn);
    const sync = createScheduleSyncHandler(() => ({ scheduler: schedules, notify: handoff, now: clock.now }));
    const sweeper = createSweeperHandler(() => ({
      tickets: new DynamoDueIndex(sweeperTable.client, table),
      notify: handoff,
      now: clock.now,
      webhooks: { store: new DynamoWebhookStore(sweeperTable), wakeups: this.wakeups },
      optOuts: { optedOut: () => optedOutNumbers(snsClient), directory: new DynamoDirectory(sweeperTable) },
      // On AWS an asynchronous invoke of the publisher; here the publisher's in-process runner (below).
      replans: { store: new DynamoPolicyStore(sweeperTable), resume: replans },
      warn: (message, detail) => options.print?.(`sweeper: ${message} ${JSON.stringify(detail)}`),
    }));
    const sweep = async () => {
      try {
        await sweeper({}, { awsRequestId: 'local' } as never);
      } catch (error) {
        // A failed sweep is a failed run of a recurring schedule: the next one comes 5 minutes later.
        options.print?.(`sweeper: ${String(error)}`);
      }
    };
    // The look-ahead is the runtime's own (not the sweeper's), so its reads are not faulted.
    const lookAhead = new DynamoDueIndex(documentsOf(new DynamoDBClient(local)), table);
    const firstFind = async () => {
      const [deadline, delivery, stalled] = await Promise.all([
        lookAhead.earliestDue(),
        lookAhead.earliestDue(keys.webhookDuePartition),
        // A running re-plan's entry is the instant it counts as stalled.
        lookAhead.earliestDue(keys.replanDuePartition, 1),
      ]);
      const finds = [
        deadline === undefined ? undefined : deadline + SWEEP_GRACE_MS,
        delivery === undefined ? undefined : delivery + WEBHOOK_STRANDED_AFTER_MS,
        stalled,
      ].filter((at) => at !== undefined);
      return finds.length === 0 ? undefined : Math.min(...finds);
    };
    const sweeps = new LocalSweeps(clock.now(), sweep, firstFind);
    // Mail: S3 and SES stand-ins behind the production adapters, and the production handlers.
    this.s3 = new LocalS3(dataDir === undefined ? mkdtempSync(join(tmpdir(), 'sla-mail-')) : join(dataDir, 'mail'));
    const domain = SUPPORT_ADDRESS.split('@')[1] as string;
    this.inbound = createInboundEmailHandler(() => ({
      store: this.store,
      held: this.heldMail,
      mail: new S3MailStore(wrap('s3', this.s3 as unknown as S3Client), MAIL_BUCKET, MAIL_PREFIX),
      mailer,
      now: clock.now,
      domain,
      maxBytes: MAX_MAIL_BYTES,
      log: (message, detail) => options.print?.(`mail: ${message} ${JSON.stringify(detail)}`),
      notices: new DynamoNoticeStore({ client: documentsOf(dynamo), table, clock: clock.now }),
      policies: storedPolicyCatalog(tableOf('inboundEmail')),
    }));
    this.mailOutbox = new DynamoMailOutbox({ client: documentsOf(dynamo), table, clock: clock.now });
    const outboundOutbox = new DynamoMailOutbox(tableOf('outboundMail'));
    const outboundNotices = new DynamoNoticeStore(tableOf('outboundMail'));
    const outbound = createOutboundMailHandler(() => ({
      store: this.store,
      mailer,
      domain,
      outbox: outboundOutbox,
      notices: outboundNotices,
      policies: storedPolicyCatalog(tableOf('outboundMail')),
    }));
    // Webhooks: the fan-out on the stream, the wake-up queue and the sender it feeds.
    this.webhooks = new DynamoWebhookStore({ client: documentsOf(dynamo), table, clock: clock.now });
    this.wakeupQueue = new LocalSqs(clock.now, WAKEUP_QUEUE_ARN, WAKEUP_QUEUE, {
      queue: file('webhook-wakeups.json'),
      deadLetters: file('webhook-wakeups-dlq.json'),
    });
    this.wakeups = new SqsWakeups(wrap('sqs', this.wakeupQueue as unknown as SQSClient), WAKEUP_QUEUE_URL);
    const fanout = createWebhookFanoutHandler(() => ({
      tickets: this.store,
      policies: storedPolicyCatalog(tableOf('webhookFanout')),
      webhooks: this.webhooks,
      wakeups: this.wakeups,
      now: clock.now,
    }));
    const sender = createWebhookSenderHandler(() => ({
      webhooks: this.webhooks,
      wakeups: this.wakeups,
      caller: new HttpWebhookCaller(LOCAL_URL_RULES, { clock: clock.now }),
      mailer,
      now: clock.now,
    }));
    this.wakeupQueue.consume((event) => sender(event, { awsRequestId: 'local' } as never));
    // Stand-ins for Lambda's two event source mappings on the stream, each with its own position.
    // They stand in for what AWS runs, so their reads are not faulted.
    const tables = new DynamoDBClient(local);
    const streams = new DynamoDBStreamsClient(local);
    const pollers = [
      new StreamPoller({
        tables,
        streams,
        table,
        handler: (event) => sync(event, { awsRequestId: 'local' } as never),
        positionFile: file('stream-position.json'),
        drop: options.awsFaults?.dropStreamRecord,
        consumer: STREAM_CONSUMERS.scheduleSync,
      }),
      new StreamPoller({
        tables,
        streams,
        table,
        handler: (event) => outbound(event, { awsRequestId: 'local' } as never),
        positionFile: file('stream-position-outbound-mail.json'),
        consumer: STREAM_CONSUMERS.outboundMail,
      }),
      new StreamPoller({
        tables,
        streams,
        table,
        handler: (event) => fanout(event, { awsRequestId: 'local' } as never),
        positionFile: file('stream-position-webhook-fanout.json'),
        consumer: STREAM_CONSUMERS.webhookFanout,
      }),
    ];
    ensureTierReviewReminders(this.scheduler, CONTRACTS_TARGET).catch((error: unknown) =>
      options.print?.(`local runtime: tier review reminders: ${String(error)}`),
    );
    const contractSchedules = new EventBridgeSchedules(schedulerClient, CONTRACTS_TARGET);
    const notices = localContracts(this.lambda, contractSchedules, {
      table: tableOf('contracts'),
      mailOutbox: new DynamoMailOutbox(tableOf('contracts')),
    });
    const limiter = options.rateLimits && new DynamoRateLimiter(documentsOf(dynamo), table, options.rateLimits);
    const webhooks = { store: this.webhooks, wakeups: this.wakeups, urlRules: LOCAL_URL_RULES, randomBytes };
    // Policies: each function its own catalog (as each Lambda has its own cache) over the same items.
    this.policyStore = new DynamoPolicyStore({ client: documentsOf(dynamo), table, clock: clock.now });
    const publisherTable = tableOf('policyPublisher');
    const publisherPolicies = new DynamoPolicyStore(publisherTable);
    const publisherCatalog = new CachingPolicyCatalog(publisherPolicies, clock.now);
    const publisherStore = new DynamoTicketStore(publisherTable.client, table, clock.now);
    // The re-plan runs in-process, to the end, inside the publish (on AWS: asynchronous invocations of the publisher).
    const replans = new BudgetedReplans(
      { store: publisherStore, policyStore: publisherPolicies, catalog: publisherCatalog, now: clock.now },
      Number.POSITIVE_INFINITY,
      async () => {},
    );
    const publish = createPublishRoutesHandler(() => ({
      store: publisherStore,
      now: clock.now,
      policies: publisherCatalog,
      policyStore: publisherPolicies,
      replans,
      tierReviewReminders: contractSchedules,
    }));
    const apiCatalog = new CachingPolicyCatalog(this.policyStore, clock.now);
    const api = createApiHandler(() => ({
      policies: apiCatalog,
      policyStore: this.policyStore,
      store: this.store,
      heldMail: this.heldMail,
      now: clock.now,
      webhooks,
      ...(limiter && { limiter }),
      directory: this.directory,
      sms: new SnsSmsSender(snsClient, LOCAL_ORIGINATION_NUMBER),
      oncallKeys: async () => this.oncallKeys,
      mailOutbox: this.mailOutbox,
      tierReviews: new DynamoTierReviews({ client: documentsOf(dynamo), table, clock: clock.now }),
      ...notices.api,
      timeLedger: new DynamoTimeLedger({ client: documentsOf(dynamo), table, clock: clock.now }),
      outcomes: new DynamoOutcomes({ client: documentsOf(dynamo), table, clock: clock.now }),
    }));
    this.api = dispatchByRoute({ api, policyPublisher: publish });
    // Scheduler invokes its Lambda target asynchronously (AWS's side: no injected faults).
    const invokeAsync = (input: unknown, target: string | undefined) =>
      this.lambda.send(
        new InvokeCommand({ FunctionName: target ?? LOCAL_TARGET.targetArn, InvocationType: 'Event', Payload: JSON.stringify(input) }),
      );
    const fireSchedule = (schedule: LocalSchedule) =>
      options.awsFaults?.deleteSchedule?.() ? this.scheduler.drop(schedule) : this.scheduler.fire(schedule, invokeAsync);
    this.due = new DueRunner({
      clock,
      scheduler: this.scheduler,
      lambda: this.lambda,
      sweeps,
      queues: [this.wakeupQueue],
      pollers,
      concurrentPollers: options.concurrentConsumers,
      fireSchedule,
      print: options.print,
    });
  }

  /** Queues notify again for every event on its on-failure list (`POST /_local/redrive`); returns how many. */
  redrive(): Promise<number> {
    return this.due.exclusive(async () => this.lambda.redrive());
  }

  /**
   * What SES does with a message for the support address: store it in S3, then invoke
   * inbound-email with the verdicts (PASS unless `X-Local-Verdict-…` headers say otherwise; see `sesVerdictsOf`).
   */
  async receiveMail(raw: Buffer): Promise<unknown> {
    const sesMessageId = randomUUID();
    const receipt = sesVerdictsOf(raw);
    this.s3.store(MAIL_BUCKET, `${MAIL_PREFIX}${sesMessageId}`, raw);
    const event = {
      Records: [{ ses: { mail: { messageId: sesMessageId, timestamp: new Date(this.options.clock.now()).toISOString() }, receipt } }],
    };
    const outcomes = await this.due.exclusive(() => this.inbound(event, { awsRequestId: 'local' } as never));
    await this.settle();
    return outcomes;
  }

  /** A text to the two-way number (`POST /_local/sms`): what sms-inbound made of it and answered; then what it changed runs. */
  async receiveSms(from: string, text: string): Promise<unknown> {
    const outcome = await this.due.exclusive(() => this.smsInbound(from, text, this.options.clock.now()));
    await this.settle();
    return outcome;
  }

  /** Brings schedules up to date and fires everything due by now. */
  settle(): Promise<void> {
    return this.due.settle();
  }

  /** Moves a manual clock to `target`, firing every schedule due on the way in due order. */
  advanceTo(target: number): Promise<number> {
    return this.due.advanceTo(target);
  }

  /** Polls in the background (the stream, then due schedules); a tick is skipped while the last one still runs. */
  start(intervalMs = 250): void {
    this.due.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.due.stop();
  }

  get pendingSchedules(): number {
    return this.scheduler.size;
  }
}
