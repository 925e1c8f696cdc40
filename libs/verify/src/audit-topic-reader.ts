import { randomUUID } from 'node:crypto';
import {
  type Admin,
  type Kafka,
  type PartitionBounds,
  PartitionRangeTimeoutError,
  readPartitionRange,
  type StreamRecord,
  TopicAdmin,
} from '@app/runtime';

/** How far a whole-topic read got. */
export interface TopicReadResult {
  /** Every partition of the topic, in order. */
  partitions: number[];
  /** The end offset of each partition when the read started. */
  ends: Map<number, number>;
  /** The offset reached in each partition (read_committed: control records count). */
  positions: Map<number, number>;
  /** False when the read stopped at the idle timeout before reaching every end. */
  complete: boolean;
}

async function boundsOf(admin: Admin, topic: string): Promise<Map<number, PartitionBounds>> {
  const topics = TopicAdmin.over(admin);
  // Offsets of an unknown topic are retried for seconds; a missing topic is an answer.
  if ((await topics.missingTopics([topic])).length > 0) {
    throw new Error(`topic ${topic} does not exist`);
  }
  return topics.partitionBounds(topic);
}

/**
 * Reads a topic from the beginning up to the end offsets it had when the read started,
 * read_committed, handing each record to `onRecord` in offset order per partition. Records
 * appended meanwhile are left out, so the result describes one moment. A partition stops early
 * when it makes no progress for `idleTimeoutMs` (an open transaction holds read_committed back).
 */
export async function readWholeTopic(
  kafka: Kafka,
  topic: string,
  onRecord: (partition: number, record: StreamRecord) => void,
  idleTimeoutMs: number,
): Promise<TopicReadResult> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const bounds = await boundsOf(admin, topic);
    const partitions = [...bounds.keys()].sort((a, b) => a - b);
    const ends = new Map([...bounds].map(([partition, { high }]) => [partition, Number(high)]));
    const positions = new Map<number, number>();
    await Promise.all(
      [...bounds].map(async ([partition, { low, high }]) => {
        const read = { topic, partition, from: low, to: high };
        positions.set(
          partition,
          Number(await readPartition(kafka, admin, read, idleTimeoutMs, onRecord)),
        );
      }),
    );
    const complete = partitions.every((p) => positions.get(p)! >= ends.get(p)!);
    return { partitions, ends, positions, complete };
  } finally {
    await admin.disconnect();
  }
}

/** Reads one partition's range; returns the offset reached (its end unless cut short). */
async function readPartition(
  kafka: Kafka,
  admin: Admin,
  read: { topic: string; partition: number; from: bigint; to: bigint },
  idleTimeoutMs: number,
  onRecord: (partition: number, record: StreamRecord) => void,
): Promise<bigint> {
  try {
    const range = await readPartitionRange(
      { kafka, admin },
      // No total limit: a long topic may take its time while it keeps making progress.
      { ...read, groupId: `onward-verify-${randomUUID()}`, idleTimeoutMs, timeoutMs: 2 ** 31 - 1 },
      (records) => records.forEach((record) => onRecord(read.partition, record)),
    );
    return range.to;
  } catch (error) {
    if (error instanceof PartitionRangeTimeoutError) return error.position;
    throw error;
  }
}
