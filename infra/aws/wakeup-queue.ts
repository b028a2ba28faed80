/**
 * The webhook wake-up queue and webhook-sender's event source on it: the deployed queue and
 * mapping (webhooks.ts) and the local stack's queue stand-in both read these, so the local stack
 * runs what is deployed.
 *
 * - Lambda's guidance for an SQS event source: a visibility timeout of at least six times the
 *   function's timeout, and a redrive policy with maxReceiveCount of at least 5, so a message is not
 *   sent to the dead-letter queue while Lambda is merely throttled.
 *   https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 * - A delayed message (a message timer) waits 0 to 900 seconds.
 *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html
 */
export const WAKEUP_QUEUE = {
  /**
   * webhook-sender's timeout: a wake-up makes up to 3 attempts of at most 10 s, plus its reads and
   * writes. No longer than an endpoint's attempt slot is leased (`SENDING.slotLeaseMs`), so no
   * invocation outlives its slot and an endpoint never has more attempts under way than slots.
   */
  senderTimeoutSeconds: 50,
  /** Six times the sender's timeout. */
  visibilityTimeoutSeconds: 300,
  /** Receives before a wake-up goes to the dead-letter queue. */
  maxReceiveCount: 5,
  /** Wake-ups per invocation; they run side by side. */
  batchSize: 5,
  /** At most this many senders at once, whatever the backlog: the rest of the account's concurrency is the paging path's. */
  maxConcurrency: 20,
} as const;
