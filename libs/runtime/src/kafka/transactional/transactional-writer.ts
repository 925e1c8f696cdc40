import type { Admin, Kafka, Producer } from 'kafkajs';
import type { TopicMessages } from './outgoing-message';
import { retryRetriable } from '../../retry/retry-retriable';
import { sendsPerPartition } from './partition-sends';
import { SEND_BUDGET_BYTES } from './send-chunks';
import { TransactionFailedError } from './transaction-failed.error';

/** The transactional producer of one owned input partition, and the group it commits for. */
export interface TransactionalWriterSpec {
  /** Stable per input partition: opening fences every earlier holder of the same id. */
  transactionalId: string;
  transactionTimeoutMs: number;
  /** The consumer group whose offsets the transactions commit. */
  groupId: string;
  /** The input partition this writer owns; its committed position is read once fenced. */
  input: { topic: string; partition: number };
  /** Bytes per send; default {@link SEND_BUDGET_BYTES}. */
  sendBudgetBytes?: number;
}

/** A group's committed offset of one partition and the metadata committed with it. */
export interface CommittedPosition {
  /** The next offset to process: 0 when nothing was committed. */
  offset: bigint;
  /** What the last commit stored beside the offset; null when nothing was stored. */
  metadata: string | null;
}

/** An input offset committed by a transaction, for the writer's group. */
export interface OffsetCommit {
  topic: string;
  partition: number;
  /** The next offset to process. */
  offset: bigint;
  /** Kept beside the offset (e.g. the state a restart restores from). */
  metadata?: string;
}

/** One transaction: its records, every one with an explicit partition, and input offsets. */
export interface TransactionBatch {
  topicMessages: readonly TopicMessages[];
  offsets: readonly OffsetCommit[];
}

/**
 * Writes batches of records together with the input offsets they consume, each in one Kafka
 * transaction, all or nothing. kafkajs has no KIP-447 fencing, so the transactional id is
 * stable per input partition: opening a writer fences any zombie that still holds the
 * partition and completes its pending transaction, and only then is the committed position
 * read. Transactions run one at a time, in call order.
 */
export class TransactionalWriter {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly producer: Producer,
    private readonly spec: TransactionalWriterSpec,
    /** The input partition's committed position when the writer opened. */
    readonly committed: CommittedPosition,
  ) {}

  /** Connects the producer, fences earlier holders of the id and reads the committed position. */
  static async open(
    clients: { kafka: Kafka; admin: Admin },
    spec: TransactionalWriterSpec,
  ): Promise<TransactionalWriter> {
    const producer = clients.kafka.producer({
      transactionalId: spec.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: spec.transactionTimeoutMs,
    });
    await producer.connect();
    try {
      // An empty transaction initialises the producer id: this is the fencing step.
      const fence = await producer.transaction();
      await fence.abort();
      const committed = await committedPosition(clients.admin, spec.groupId, spec.input);
      return new TransactionalWriter(producer, spec, committed);
    } catch (err) {
      await producer.disconnect().catch(() => undefined);
      throw err;
    }
  }

  /** The transactional id this writer holds. */
  get transactionalId(): string {
    return this.spec.transactionalId;
  }

  /**
   * Writes the batch's records and commits its offsets in one transaction. On any failure the
   * transaction is aborted and a {@link TransactionFailedError} names the cause.
   */
  write(batch: TransactionBatch): Promise<void> {
    const run = this.queue.then(
      () => this.writeNow(batch),
      () => this.writeNow(batch),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Disconnects the producer; an open transaction is aborted by the broker on timeout. */
  async close(): Promise<void> {
    await this.producer.disconnect();
  }

  private async writeNow(batch: TransactionBatch): Promise<void> {
    const budget = this.spec.sendBudgetBytes ?? SEND_BUDGET_BYTES;
    // Split before the transaction opens: a message without a partition is a bug, not a failure.
    const sends = sendsPerPartition(batch.topicMessages, budget);
    let tx;
    try {
      tx = await this.producer.transaction();
      // One partition per send: see partition-sends.ts for the kafkajs retry bug this avoids.
      for (const send of sends) await tx.send(send);
      if (batch.offsets.length > 0) {
        await tx.sendOffsets({
          consumerGroupId: this.spec.groupId,
          topics: offsetsByTopic(batch.offsets),
        });
      }
      await tx.commit();
    } catch (err) {
      await tx?.abort().catch(() => undefined);
      throw new TransactionFailedError(this.spec.transactionalId, err);
    }
  }
}

async function committedPosition(
  admin: Admin,
  groupId: string,
  input: { topic: string; partition: number },
): Promise<CommittedPosition> {
  // A group coordinator still loading (a new cluster, a moved coordinator) answers retriably.
  const [committed] = await retryRetriable(() =>
    admin.fetchOffsets({ groupId, topics: [input.topic] }),
  );
  const entry = committed?.partitions.find((p) => p.partition === input.partition);
  const offset = entry && Number(entry.offset) >= 0 ? BigInt(entry.offset) : 0n;
  return { offset, metadata: entry?.metadata ?? null };
}

/** sendOffsets' shape; kafkajs passes `metadata` on although its types leave it out. */
function offsetsByTopic(offsets: readonly OffsetCommit[]) {
  const topics = new Map<string, { partition: number; offset: string }[]>();
  for (const { topic, partition, offset, metadata } of offsets) {
    const entry = {
      partition,
      offset: offset.toString(),
      ...(metadata === undefined ? {} : { metadata }),
    };
    topics.set(topic, [...(topics.get(topic) ?? []), entry]);
  }
  return [...topics].map(([topic, partitions]) => ({ topic, partitions }));
}
