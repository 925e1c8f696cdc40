import type { ChainTip, CompactTree } from '@app/contracts';
import type { Admin, Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import type { SignedMark } from '../transparency/checkpoint-signer';
import { readAuditTail } from './audit-tail.reader';
import { readAuditTree } from './audit-tree.reader';
import { decodeCheckpoint, decodeTree, encodeCheckpoint } from './chain-checkpoint';
import { sendsPerPartition } from './partition-sends';
import { SEND_BUDGET_BYTES } from './send-chunks';

/** Where one input partition's writer reads and writes. */
export interface PartitionWriterSpec {
  groupId: string;
  inputTopic: string;
  /** The audit topic: its partition `partition` holds this writer's chain. */
  auditTopic: string;
  partition: number;
  transactionalId: string;
  transactionTimeoutMs: number;
  /** Keep the partition's Merkle tree (checkpoints on): restored with the offset, or rebuilt. */
  withTree?: boolean;
}

/** Outputs of one batch, written in one transaction with the input offset. */
export interface BatchOutput {
  topicMessages: TopicMessages[];
  nextOffset: bigint;
  tip: ChainTip | null;
  /** The partition's Merkle tree after these events (null when checkpoints are off). */
  tree?: CompactTree | null;
  /** Set when `topicMessages` include a checkpoint of `tree`. */
  signed?: SignedMark | null;
  /** Another topic's same-numbered partition to commit too (the notice pipeline's subjects). */
  alsoCommit?: { topic: string; offset: bigint };
}

/**
 * The transactional producer of one owned input partition. kafkajs has no KIP-447 fencing,
 * so the transactional id is stable per input partition: opening a writer fences any zombie
 * that still holds the partition and completes its pending transaction, and only then are
 * the committed offset and chain tip read.
 */
export class PartitionWriter {
  /** The last checkpoint this writer committed; unknown (null) after opening. */
  public signed: SignedMark | null = null;
  /** Transactions of this producer, one at a time: the batch loop and the checkpoint timer. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly producer: Producer,
    private readonly spec: PartitionWriterSpec,
    /** The next input offset to decide: records below it are already committed. */
    public nextOffset: bigint,
    /** The last committed audit event of this partition's chain. */
    public tip: ChainTip | null,
    /** The committed Merkle tree of this partition's audit events (null: checkpoints off). */
    public tree: CompactTree | null,
  ) {}

  /** Creates the producer, fences earlier holders of the id, and reads the committed position. */
  static async open(
    kafka: Kafka,
    admin: Admin,
    spec: PartitionWriterSpec,
  ): Promise<PartitionWriter> {
    const producer = kafka.producer({
      transactionalId: spec.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: spec.transactionTimeoutMs,
    });
    await producer.connect();
    // An empty transaction initialises the producer id: this is the fencing step.
    const fence = await producer.transaction();
    await fence.abort();
    const [committed] = await admin.fetchOffsets({
      groupId: spec.groupId,
      topics: [spec.inputTopic],
    });
    const entry = committed?.partitions.find((p) => p.partition === spec.partition);
    const offset = entry && Number(entry.offset) >= 0 ? BigInt(entry.offset) : 0n;
    // No checkpoint (a new group over an existing audit topic): continue the chain from the
    // log rather than fork it from genesis.
    const stored = decodeCheckpoint(entry?.metadata);
    if (!spec.withTree) {
      const tip =
        stored ??
        (await readAuditTail(kafka, admin, spec.groupId, spec.auditTopic, spec.partition));
      return new PartitionWriter(producer, spec, offset, tip, null);
    }
    const tree = decodeTree(entry?.metadata, stored);
    if (tree && stored) return new PartitionWriter(producer, spec, offset, stored, tree);
    // No tree beside the offset (first start with checkpoints, or a new group): rebuild it,
    // and the tip with it, from the audit partition itself.
    const rebuilt = await readAuditTree(
      kafka,
      admin,
      spec.groupId,
      spec.auditTopic,
      spec.partition,
    );
    if (stored && rebuilt.tree.size !== stored.seq + 1) {
      throw new Error(
        `audit partition ${spec.partition} holds ${rebuilt.tree.size} events but the committed chain tip is seq ${stored.seq}`,
      );
    }
    return new PartitionWriter(producer, spec, offset, stored ?? rebuilt.tip, rebuilt.tree);
  }

  /** Writes the outputs and commits the input offset, chain tip and tree, all or nothing. */
  commit(output: BatchOutput): Promise<void> {
    return this.serialise(() => this.commitNow(output));
  }

  /**
   * Commits a transaction holding only the checkpoint `build` makes from the committed tree
   * (null: nothing to sign). The timer's way to sign a quiet partition's last events.
   */
  commitCheckpoint(
    build: (tree: CompactTree, signed: SignedMark | null) => Message | null,
    topic: string,
    nowMs: number,
  ): Promise<boolean> {
    return this.serialise(async () => {
      const message = this.tree ? build(this.tree, this.signed) : null;
      if (!message || !this.tree) return false;
      const size = this.tree.size;
      const tx = await this.producer.transaction();
      try {
        await tx.send({ topic, messages: [message] });
        await tx.commit();
      } catch (err) {
        await tx.abort().catch(() => undefined);
        throw err;
      }
      this.signed = { size, atMs: nowMs };
      return true;
    });
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitNow(output: BatchOutput): Promise<void> {
    const tree = output.tree === undefined ? this.tree : output.tree;
    const tx = await this.producer.transaction();
    try {
      // One partition per send: see partition-sends.ts for the kafkajs retry bug this avoids.
      for (const send of sendsPerPartition(output.topicMessages, SEND_BUDGET_BYTES)) {
        await tx.send(send);
      }
      await tx.sendOffsets({
        consumerGroupId: this.spec.groupId,
        topics: [
          {
            topic: this.spec.inputTopic,
            partitions: [
              {
                partition: this.spec.partition,
                offset: output.nextOffset.toString(),
                metadata: encodeCheckpoint(output.tip, tree),
              } as { partition: number; offset: string },
            ],
          },
          ...alsoCommitted(output, this.spec.partition),
        ],
      });
      await tx.commit();
    } catch (err) {
      await tx.abort().catch(() => undefined);
      throw err;
    }
    this.nextOffset = output.nextOffset;
    this.tip = output.tip;
    this.tree = tree;
    if (output.signed) this.signed = output.signed;
  }

  /** Disconnects the producer; an open transaction is aborted by the broker on timeout. */
  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

function alsoCommitted(output: BatchOutput, partition: number) {
  const also = output.alsoCommit;
  return also
    ? [{ topic: also.topic, partitions: [{ partition, offset: also.offset.toString() }] }]
    : [];
}
