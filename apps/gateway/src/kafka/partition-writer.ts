import type { ChainTip } from '@app/contracts';
import type { Admin, Kafka, Producer, TopicMessages } from 'kafkajs';
import { readAuditTail } from './audit-tail.reader';
import { decodeCheckpoint, encodeCheckpoint } from './chain-checkpoint';
import { chunkBySize, SEND_BUDGET_BYTES } from './send-chunks';

/** Where one input partition's writer reads and writes. */
export interface PartitionWriterSpec {
  groupId: string;
  inputTopic: string;
  /** The audit topic: its partition `partition` holds this writer's chain. */
  auditTopic: string;
  partition: number;
  transactionalId: string;
  transactionTimeoutMs: number;
}

/** Outputs of one batch, written in one transaction with the input offset. */
export interface BatchOutput {
  topicMessages: TopicMessages[];
  nextOffset: bigint;
  tip: ChainTip | null;
}

/**
 * The transactional producer of one owned input partition. kafkajs has no KIP-447 fencing,
 * so the transactional id is stable per input partition: opening a writer fences any zombie
 * that still holds the partition and completes its pending transaction, and only then are
 * the committed offset and chain tip read.
 */
export class PartitionWriter {
  private constructor(
    private readonly producer: Producer,
    private readonly spec: PartitionWriterSpec,
    /** The next input offset to decide: records below it are already committed. */
    public nextOffset: bigint,
    /** The last committed audit event of this partition's chain. */
    public tip: ChainTip | null,
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
    const tip =
      decodeCheckpoint(entry?.metadata) ??
      (await readAuditTail(kafka, admin, spec.auditTopic, spec.partition));
    return new PartitionWriter(producer, spec, offset, tip);
  }

  /** Writes the outputs and commits the input offset and chain tip, all or nothing. */
  async commit(output: BatchOutput): Promise<void> {
    const tx = await this.producer.transaction();
    try {
      for (const chunk of chunkBySize(output.topicMessages, SEND_BUDGET_BYTES)) {
        await tx.sendBatch({ topicMessages: chunk });
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
                metadata: encodeCheckpoint(output.tip),
              } as { partition: number; offset: string },
            ],
          },
        ],
      });
      await tx.commit();
    } catch (err) {
      await tx.abort().catch(() => undefined);
      throw err;
    }
    this.nextOffset = output.nextOffset;
    this.tip = output.tip;
  }

  /** Disconnects the producer; an open transaction is aborted by the broker on timeout. */
  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
