/**
 * Feeds the table's stream to one consumer the way Lambda's event source mapping does: records
 * in order, in batches; on a reported failure it retries from the failed record (bounded), then
 * sets the record aside (the on-failure destination) and moves on. Records of items the consumer's
 * event filter does not let through never reach it. With a parallelization factor
 * above 1, a shard's records are split by item into that many batches handled at once, each in
 * order (see `STREAM_CONSUMERS`). The position per shard is kept in a file, so a restart resumes
 * where it stopped.
 */

import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { TABLE_DESIGN } from '../../../functions/adapters/dynamo/table-design.ts';
import { STREAM_MAPPING, type StreamConsumer, sortKeyMatches } from '../../aws/stream-consumers.ts';
import { readJson, writeJson } from './json-files.ts';

/** Lambda makes the first attempt and `retryAttempts` more before it sets a record aside. */
const MAX_ATTEMPTS = 1 + STREAM_MAPPING.retryAttempts;

interface StreamPollerOptions {
  readonly tables: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly table: string;
  /** The consumer, as Lambda would invoke it: a batch of records in, the failed ones reported back. */
  readonly handler: (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;
  /** Where the position per shard is kept; none: memory only. */
  readonly positionFile?: string;
  /** Fault injection: a record for which this answers true never reaches the handler (as if lost). */
  readonly drop?: () => boolean;
  /** How the deployed mapping feeds this consumer: batches per shard at once, and the sort keys its filter lets through. */
  readonly consumer: StreamConsumer;
}

export class StreamPoller {
  private streamArn: string | undefined;
  private readonly iterators = new Map<string, string | undefined>();
  private readonly positions: Record<string, string>;
  readonly failed: _Record[] = [];

  constructor(private readonly options: StreamPollerOptions) {
    const { positionFile } = options;
    this.positions = readJson<Record<string, string>>(positionFile) ?? {};
  }

  /** Reads and hands over every record written so far; returns how many it processed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const processed = await this.pass();
      total += processed;
      if (processed === 0) return total;
    }
  }

  private async pass(): Promise<number> {
    this.streamArn ??= (await this.options.tables.send(new DescribeTableCommand({ TableName: this.options.table }))).Table?.LatestStreamArn;
    if (this.streamArn === undefined) throw new Error(`table ${this.options.table} has no stream`);
    const { StreamDescription } = await this.options.streams.send(new DescribeStreamCommand({ StreamArn: this.streamArn }));
    let processed = 0;
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId as string;
      if (!this.iterators.has(id)) {
        const after = this.positions[id];
        const { ShardIterator } = await this.options.streams.send(
          new GetShardIteratorCommand({
            StreamArn: this.streamArn,
            ShardId: id,
            ShardIteratorType: after === undefined ? 'TRIM_HORIZON' : 'AFTER_SEQUENCE_NUMBER',
            ...(after !== undefined && { SequenceNumber: after }),
          }),
        );
        this.iterators.set(id, ShardIterator);
      }
      const iterator = this.iterators.get(id);
      if (iterator === undefined) continue;
      const { Records = [], NextShardIterator } = await this.options.streams.send(
        new GetRecordsCommand({ ShardIterator: iterator, Limit: STREAM_MAPPING.batchSize }),
      );
      this.iterators.set(id, NextShardIterator);
      if (Records.length === 0) continue;
      const { consumer, drop } = this.options;
      const kept = (drop === undefined ? Records : Records.filter(() => !drop())).filter((record) =>
        sortKeyMatches(consumer.sortKeys, record.dynamodb?.Keys?.[TABLE_DESIGN.sortKey]?.S),
      );
      await Promise.all(byItem(kept, consumer.parallelizationFactor).map((batch) => this.deliver(batch)));
      processed += Records.length;
      this.positions[id] = Records[Records.length - 1]?.dynamodb?.SequenceNumber as string;
      writeJson(this.options.positionFile, this.positions);
    }
    return processed;
  }

  private async deliver(records: _Record[]): Promise<void> {
    let pending = records;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const event = { Records: pending.map((r) => lambdaRecord(r, this.streamArn as string)) } as unknown as DynamoDBStreamEvent;
      let failedAt: number;
      try {
        const { batchItemFailures } = await this.options.handler(event);
        if (batchItemFailures.length === 0) return;
        const failedIds = new Set(batchItemFailures.map((f) => f.itemIdentifier));
        failedAt = pending.findIndex((r) => failedIds.has(r.dynamodb?.SequenceNumber ?? ''));
      } catch {
        failedAt = 0;
      }
      pending = pending.slice(Math.max(0, failedAt));
      if (attempt >= MAX_ATTEMPTS) {
        this.failed.push(pending[0] as _Record);
        pending = pending.slice(1);
        attempt = 0;
      }
    }
  }
}

/** Splits records into at most `count` batches, each in stream order, the records of one item (its key) in one batch. */
export function byItem(records: readonly _Record[], count: number): _Record[][] {
  if (count <= 1) return records.length === 0 ? [] : [[...records]];
  const batches = new Map<number, _Record[]>();
  for (const record of records) {
    const key = JSON.stringify(record.dynamodb?.Keys ?? {});
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (hash * 31 + key.charCodeAt(i)) >>> 0;
    const batch = batches.get(hash % count) ?? [];
    batch.push(record);
    batches.set(hash % count, batch);
  }
  return [...batches.values()];
}

/** A record as Lambda delivers it. The Streams client reads an empty map back as `{}`; Lambda sends `{"M":{}}`. */
function lambdaRecord(record: _Record, streamArn: string): Record<string, unknown> {
  const images = record.dynamodb ?? {};
  return {
    ...record,
    eventSourceARN: streamArn,
    dynamodb: {
      ...images,
      ...(images.Keys && { Keys: repair(images.Keys) }),
      ...(images.NewImage && { NewImage: repair(images.NewImage) }),
      ...(images.OldImage && { OldImage: repair(images.OldImage) }),
    },
  };
}

function repair(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, repairValue(value)]));
}

function repairValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const attribute = value as Record<string, unknown>;
  const defined = Object.entries(attribute).filter(([, v]) => v !== undefined);
  if (defined.length === 0) return { M: {} };
  if (attribute.M !== undefined) return { M: repair(attribute.M as Record<string, unknown>) };
  if (attribute.L !== undefined) return { L: (attribute.L as unknown[]).map(repairValue) };
  return value;
}
