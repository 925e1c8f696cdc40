import { randomUUID } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { StreamRecord } from '@app/runtime';

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

async function offsetsOf(admin: Admin, topic: string) {
  // fetchTopicOffsets retries an unknown topic for seconds; a missing topic is an answer.
  if (!(await admin.listTopics()).includes(topic)) throw new Error(`topic ${topic} does not exist`);
  return admin.fetchTopicOffsets(topic);
}

/**
 * Reads a topic from the beginning up to the end offsets it had when the read started,
 * read_committed, handing each record to `onRecord` in offset order per partition. Records
 * appended meanwhile are left out, so the result describes one moment. Stops early when no
 * progress is made for `idleTimeoutMs` (an open transaction holds read_committed back).
 */
export async function readWholeTopic(
  kafka: Kafka,
  topic: string,
  onRecord: (partition: number, record: StreamRecord) => void,
  idleTimeoutMs: number,
): Promise<TopicReadResult> {
  const admin = kafka.admin();
  await admin.connect();
  const offsets = await offsetsOf(admin, topic).finally(() => admin.disconnect());
  const partitions = offsets.map((o) => o.partition).sort((a, b) => a - b);
  const ends = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
  const positions = new Map(offsets.map((o) => [o.partition, Number(o.low)]));
  const done = () => partitions.every((p) => positions.get(p)! >= ends.get(p)!);
  if (done()) return { partitions, ends, positions, complete: true };

  const consumer = kafka.consumer({
    groupId: `onward-verify-${randomUUID()}`,
    readUncommitted: false,
    allowAutoTopicCreation: false,
  });
  let progressAt = Date.now();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    positions.set(
      payload.partition,
      Math.max(positions.get(payload.partition)!, Number(payload.lastOffset) + 1),
    );
    progressAt = Date.now();
    if (done()) finish();
  });
  const idle = setInterval(() => {
    if (Date.now() - progressAt > idleTimeoutMs) finish();
  }, 100);
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const end = ends.get(batch.partition)!;
        for (const message of batch.messages) {
          if (Number(message.offset) < end) onRecord(batch.partition, message);
        }
      },
    });
    await finished;
  } finally {
    clearInterval(idle);
    await consumer.disconnect();
  }
  return { partitions, ends, positions, complete: done() };
}
