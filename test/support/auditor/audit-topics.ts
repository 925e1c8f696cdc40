// Producing straight to the auditor's topics, as an attacker with write access (or the
// gateway) would: a plain kafkajs producer, records in the order given per partition.
import { topicNames, type TopicNames } from '@app/contracts';
import type { Kafka } from 'kafkajs';
import { createTopics } from '../kafka';

/** One record to produce. */
export interface RawRecord {
  partition: number;
  value: Buffer | string | null;
  key?: string;
  /** Epoch ms; default: now. */
  timestamp?: number;
}

/** Creates `<prefix>audit` with `partitions` partitions and `<prefix>recipients` (compacted). */
export async function createAuditorTopics(
  kafka: Kafka,
  prefix: string,
  partitions: number,
): Promise<TopicNames> {
  const topics = topicNames(prefix);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopics(admin, [
      { topic: topics.audit, numPartitions: partitions },
      {
        topic: topics.recipients,
        numPartitions: 1,
        configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
      },
    ]);
  } finally {
    await admin.disconnect();
  }
  return topics;
}

/** Produces the records to `topic`, in order within each partition. */
export async function produceRecords(
  kafka: Kafka,
  topic: string,
  records: RawRecord[],
): Promise<void> {
  // Idempotent: a send retried after a timeout on a loaded machine must not write its records
  // twice (a duplicate is tampering to the auditor; seen as a flake of the tamper suite).
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    maxInFlightRequests: 1,
    idempotent: true,
  });
  await producer.connect();
  try {
    for (let i = 0; i < records.length; i += 500) {
      await producer.send({
        topic,
        acks: -1,
        messages: records.slice(i, i + 500).map((r) => ({
          partition: r.partition,
          key: r.key ?? null,
          value: r.value,
          timestamp: r.timestamp === undefined ? undefined : String(r.timestamp),
        })),
      });
    }
  } finally {
    await producer.disconnect();
  }
}
