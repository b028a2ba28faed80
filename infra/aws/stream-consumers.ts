/**
 * How the table's stream consumers are mapped: the deployed event source mappings and the local
 * stack's stream poller both read these, so the local stack runs what is deployed.
 *
 * The parallelization factor is the number of batches Lambda processes from each shard at once
 * (1 to 10). Lambda still processes the records of one item in order at any factor ("Lambda
 * ensures in-order processing at the item (partition and sort key) level",
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html, concurrent batches per shard), so
 * one busy ticket holds up no other.
 */
export const STREAM_CONSUMERS = {
  /** Ensures every schedule on each ticket record: 10 batches at once, so one busy ticket delays no other. */
  scheduleSync: { parallelizationFactor: 10 },
  /** Sends agents' public replies; little traffic. */
  outboundMail: { parallelizationFactor: 1 },
  /**
   * Turns ticket changes into webhook deliveries. 1: a ticket's item and its timeline entries are
   * different items of one partition, ordered among themselves only within a shard's single batch
   * stream, and an endpoint gets a ticket's events in the order of its changes. The fan-out only
   * reads and writes the table, so one batch at a time keeps up.
   */
  webhookFanout: { parallelizationFactor: 1 },
} as const;
