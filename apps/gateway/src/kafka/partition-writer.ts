import type { ChainTip, CompactTree } from '@app/contracts';
import {
  type Admin,
  type Kafka,
  type OffsetCommit,
  type OutgoingMessage,
  type TopicMessages,
  TransactionalWriter,
} from '@app/runtime';
import type { SignedMark } from '../transparency/checkpoint-signer';
import { readAuditTail } from './audit-tail.reader';
import { readAuditTree } from './audit-tree.reader';
import { decodeCheckpoint, decodeTree, encodeCheckpoint } from './chain-checkpoint';

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
 * One owned input partition's audit chain over the runtime's {@link TransactionalWriter}: the
 * writer fences earlier holders and reads the committed offset, whose metadata carries the
 * chain tip and Merkle tree (chain-checkpoint.ts); without them they are restored from the
 * audit partition. Every commit stores the new tip and tree beside the input offset.
 */
export class PartitionWriter {
  /** The last checkpoint this writer committed; unknown (null) after opening. */
  public signed: SignedMark | null = null;
  /**
   * Commits one at a time, each seeing the state the previous one left: the batch loop and the
   * checkpoint timer both build from `tip` and `tree`.
   */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly writer: TransactionalWriter,
    private readonly spec: PartitionWriterSpec,
    /** The next input offset to decide: records below it are already committed. */
    public nextOffset: bigint,
    /** The last committed audit event of this partition's chain. */
    public tip: ChainTip | null,
    /** The committed Merkle tree of this partition's audit events (null: checkpoints off). */
    public tree: CompactTree | null,
  ) {}

  /** Opens the transactional writer, then restores the committed chain tip (and tree). */
  static async open(
    kafka: Kafka,
    admin: Admin,
    spec: PartitionWriterSpec,
  ): Promise<PartitionWriter> {
    const writer = await TransactionalWriter.open(
      { kafka, admin },
      {
        transactionalId: spec.transactionalId,
        transactionTimeoutMs: spec.transactionTimeoutMs,
        groupId: spec.groupId,
        input: { topic: spec.inputTopic, partition: spec.partition },
      },
    );
    try {
      const { tip, tree } = await restoreChain(kafka, admin, spec, writer.committed.metadata);
      return new PartitionWriter(writer, spec, writer.committed.offset, tip, tree);
    } catch (err) {
      await writer.close().catch(() => undefined);
      throw err;
    }
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
    build: (tree: CompactTree, signed: SignedMark | null) => OutgoingMessage | null,
    topic: string,
    nowMs: number,
  ): Promise<boolean> {
    return this.serialise(async () => {
      const message = this.tree ? build(this.tree, this.signed) : null;
      if (!message || !this.tree) return false;
      const size = this.tree.size;
      await this.writer.write({ topicMessages: [{ topic, messages: [message] }], offsets: [] });
      this.signed = { size, atMs: nowMs };
      return true;
    });
  }

  /** Closes the producer; an open transaction is aborted by the broker on timeout. */
  async close(): Promise<void> {
    await this.writer.close();
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async commitNow(output: BatchOutput): Promise<void> {
    const tree = output.tree === undefined ? this.tree : output.tree;
    const { inputTopic, partition } = this.spec;
    const offsets: OffsetCommit[] = [
      {
        topic: inputTopic,
        partition,
        offset: output.nextOffset,
        metadata: encodeCheckpoint(output.tip, tree),
      },
    ];
    if (output.alsoCommit) offsets.push({ ...output.alsoCommit, partition });
    await this.writer.write({ topicMessages: output.topicMessages, offsets });
    this.nextOffset = output.nextOffset;
    this.tip = output.tip;
    this.tree = tree;
    if (output.signed) this.signed = output.signed;
  }
}

/**
 * The chain tip (and tree) stored beside the committed offset; without them (a new group over
 * an existing audit topic, first start with checkpoints) they are read from the audit
 * partition, so the chain continues from the log rather than forking from genesis.
 */
async function restoreChain(
  kafka: Kafka,
  admin: Admin,
  spec: PartitionWriterSpec,
  metadata: string | null,
): Promise<{ tip: ChainTip | null; tree: CompactTree | null }> {
  const stored = decodeCheckpoint(metadata);
  const { groupId, auditTopic, partition } = spec;
  if (!spec.withTree) {
    const tip = stored ?? (await readAuditTail(kafka, admin, groupId, auditTopic, partition));
    return { tip, tree: null };
  }
  const tree = decodeTree(metadata, stored);
  if (tree && stored) return { tip: stored, tree };
  const rebuilt = await readAuditTree(kafka, admin, groupId, auditTopic, partition);
  if (stored && rebuilt.tree.size !== stored.seq + 1) {
    throw new Error(
      `audit partition ${partition} holds ${rebuilt.tree.size} events but the committed chain tip is seq ${stored.seq}`,
    );
  }
  return { tip: stored ?? rebuilt.tip, tree: rebuilt.tree };
}
