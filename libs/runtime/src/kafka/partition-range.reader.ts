import type { Admin, Consumer, Kafka } from 'kafkajs';
import { OnwardError } from '../errors/onward-error';
import {
  batchReachesEnd,
  isEmptyRange,
  isInRange,
  planRange,
  type OffsetRange,
  type PartitionBounds,
} from './partition-range';
import type { StreamRecord } from './stream-record';

/** Which records of one partition to read, and within what limits. */
export interface PartitionRangeRead {
  topic: string;
  partition: number;
  /** First offset to read; clamped to the log's start. Default: the log's start. */
  from?: bigint;
  /** One past the last offset to read. Default: the partition's end when the read starts. */
  to?: bigint;
  /** The throwaway group the reader joins; nothing is committed under it. */
  groupId: string;
  /** How long the whole read may take before it fails (retriable). Default 120 s. */
  timeoutMs?: number;
  /** How long the read may go without progress before it fails (retriable). Default: off. */
  idleTimeoutMs?: number;
  /** Read records of open or aborted transactions too. Default false: read_committed. */
  readUncommitted?: boolean;
  /** Upper bound on one fetch from the partition, in bytes. Default: kafkajs' 1 MiB. */
  maxBytes?: number;
}

/**
 * Receives the in-range records of one fetched batch, in offset order. An error it throws
 * ends the read and is rethrown by {@link readPartitionRange}.
 */
export type RangeBatchHandler = (records: StreamRecord[]) => void | Promise<void>;

/** Raised when a partition range is not read within its time limit; retrying may help. */
export class PartitionRangeTimeoutError extends OnwardError {
  override name = 'PartitionRangeTimeoutError';

  constructor(
    message: string,
    /** The offset the read had reached (control records count): what was handed over. */
    readonly position: bigint,
  ) {
    super(message, { retriable: true });
  }
}

const DEFAULT_TIMEOUT_MS = 120_000;

/** The first and one-past-last readable offsets of `topic`'s `partition` (read_committed). */
export async function partitionBounds(
  admin: Admin,
  topic: string,
  partition: number,
): Promise<PartitionBounds> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const entry = offsets.find((o) => o.partition === partition);
  return { low: BigInt(entry?.low ?? '0'), high: BigInt(entry?.high ?? '0') };
}

/**
 * Reads offsets `[from, to)` of one topic-partition and hands each fetched batch's records to
 * `onBatch`. Returns the range read. An empty range returns at once, with no consumer; records
 * at or past `to` are never handed over; the consumer is always disconnected. kafkajs cannot
 * assign a partition by hand, so a throwaway group subscribes and then seeks. Fails with a
 * retriable {@link PartitionRangeTimeoutError} naming topic, partition and range when the
 * range is not read in `timeoutMs` (no leader, an open transaction holding read_committed).
 */
export async function readPartitionRange(
  clients: { kafka: Kafka; admin: Admin },
  read: PartitionRangeRead,
  onBatch: RangeBatchHandler,
): Promise<OffsetRange> {
  const bounds = await partitionBounds(clients.admin, read.topic, read.partition);
  const range = planRange(bounds, read);
  if (isEmptyRange(range)) return range;
  const consumer = clients.kafka.consumer({
    groupId: read.groupId,
    readUncommitted: read.readUncommitted ?? false,
    allowAutoTopicCreation: false,
    ...(read.maxBytes === undefined ? {} : { maxBytesPerPartition: read.maxBytes }),
  });
  const progress = { position: range.from, at: Date.now() };
  const consuming = consumeRange(consumer, read, range, progress, onBatch);
  // After a timeout the read's own failure (a connect cut short) has no one left to tell.
  consuming.catch(() => undefined);
  const watch = watchDeadlines(read, range, progress);
  try {
    await Promise.race([consuming, watch.expired]);
  } finally {
    watch.stop();
    await consumer.disconnect();
  }
  return range;
}

async function consumeRange(
  consumer: Consumer,
  read: PartitionRangeRead,
  range: OffsetRange,
  progress: { position: bigint; at: number },
  onBatch: RangeBatchHandler,
): Promise<void> {
  const { topic, partition } = read;
  let finish: (error?: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    finish = (error) => (error === undefined ? resolve() : reject(error));
  });
  let failed = false;
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    if (payload.partition !== partition) return;
    const next = BigInt(payload.lastOffset) + 1n;
    if (next > progress.position) Object.assign(progress, { position: next, at: Date.now() });
    if (batchReachesEnd(payload.lastOffset, range.to)) finish();
  });
  // Seek on every join, not once after run(): when the first join fails (a coordinator still
  // loading) kafkajs restarts the consumer, and a seek made in between throws. A later join
  // resumes where the read is, so no record is handed over twice.
  consumer.on(consumer.events.GROUP_JOIN, () => {
    try {
      consumer.seek({ topic, partition, offset: progress.position.toString() });
    } catch {
      // Not initialised after all: the next join seeks.
    }
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      if (batch.partition !== partition || failed) return;
      const records = batch.messages
        .filter((m) => isInRange(m.offset, range))
        .map((m) => ({ offset: m.offset, key: m.key, value: m.value, timestamp: m.timestamp }));
      if (records.length === 0) return;
      try {
        await onBatch(records);
      } catch (error) {
        failed = true;
        finish(error);
      }
    },
  });
  await done;
}

/** Rejects `expired` once the read runs past its total or idle limit; `stop` ends the watch. */
function watchDeadlines(
  read: PartitionRangeRead,
  range: OffsetRange,
  progress: { position: bigint; at: number },
): { expired: Promise<never>; stop: () => void } {
  const deadline = Date.now() + (read.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    const check = () => {
      const now = Date.now();
      const idleAt = read.idleTimeoutMs === undefined ? Infinity : progress.at + read.idleTimeoutMs;
      if (now >= deadline || now >= idleAt) return reject(timeoutError(read, range, progress));
      timer = setTimeout(check, Math.max(1, Math.min(deadline, idleAt) - now));
    };
    check();
  });
  return { expired, stop: () => clearTimeout(timer) };
}

function timeoutError(
  read: PartitionRangeRead,
  range: OffsetRange,
  progress: { position: bigint },
): PartitionRangeTimeoutError {
  const limit = read.idleTimeoutMs === undefined ? '' : ` (idle limit ${read.idleTimeoutMs} ms)`;
  return new PartitionRangeTimeoutError(
    `${read.topic}/${read.partition} offsets ${range.from}..${range.to} not read in time${limit}: reached ${progress.position}`,
    progress.position,
  );
}
