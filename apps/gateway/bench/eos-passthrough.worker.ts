/**
 * The benchmark's exactly-once baseline: what Kafka alone costs for the gateway's write
 * pattern, with no policy work. Same consumer settings as the gateway; per fetched batch of a
 * partition, one transaction of that partition's own transactional producer holding, for each
 * input, a copy of the request on its recipient's share topic (keyed like a share) and an
 * audit-sized record on the audit topic's partition of the input partition, plus the input
 * offset (sendOffsets). Sends are one per topic-partition, as the gateway's must be
 * (partition-sends.ts). Run as a child process by gateway.bench.ts, configured by env.
 */
import { Kafka, logLevel, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { SEND_BUDGET_BYTES, sendsPerPartition, withPartitions } from '@app/runtime';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const RECIPIENT_ID = '"recipientId":"';
const REQUEST_ID = '"requestId":"';

/** A string field of the request's JSON, unparsed (the passthrough does no policy work). */
function fieldOf(text: string, marker: string): string {
  const at = text.indexOf(marker);
  if (at < 0) return '';
  const from = at + marker.length;
  return text.slice(from, text.indexOf('"', from));
}

/** A record the size of an audit event, carrying the requestId the bench reader counts. */
function auditSized(requestId: string, bytes: number): Buffer {
  const head = `{"requestId":"${requestId}","pad":"`;
  return Buffer.from(`${head}${'x'.repeat(Math.max(0, bytes - head.length - 2))}"}`, 'utf8');
}

async function main(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'bench-eos-passthrough',
    brokers: env('KAFKA_BROKERS').split(','),
    logLevel: logLevel.ERROR,
  });
  const groupId = env('BENCH_GROUP_ID');
  const input = env('BENCH_INPUT_TOPIC');
  const audit = env('BENCH_AUDIT_TOPIC');
  const sharePrefix = env('BENCH_SHARE_TOPIC_PREFIX');
  const partitions = Number(env('BENCH_PARTITIONS'));
  const auditBytes = Number(env('BENCH_AUDIT_BYTES'));
  const producers = new Map<number, Promise<Producer>>();
  const producerFor = (partition: number): Promise<Producer> => {
    let producer = producers.get(partition);
    if (!producer) {
      const p = kafka.producer({
        transactionalId: `${groupId}.${partition}`,
        idempotent: true,
        maxInFlightRequests: 1,
      });
      producer = p.connect().then(() => p);
      producers.set(partition, producer);
    }
    return producer;
  };
  const consumer = kafka.consumer({
    groupId,
    readUncommitted: false,
    maxBytesPerPartition: Number(env('BENCH_MAX_BYTES_PER_PARTITION')),
  });
  await consumer.connect();
  await consumer.subscribe({ topics: [input], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: Number(env('BENCH_CONCURRENT_PARTITIONS')),
    eachBatch: async ({ batch }) => {
      if (batch.messages.length === 0) return;
      const byTopic = new Map<string, Message[]>([[audit, []]]);
      for (const m of batch.messages) {
        const text = m.value?.toString('utf8') ?? '';
        const share = `${sharePrefix}${fieldOf(text, RECIPIENT_ID)}`;
        const list = byTopic.get(share) ?? [];
        list.push({ key: m.key, value: m.value });
        byTopic.set(share, list);
        byTopic.get(audit)?.push({
          partition: batch.partition,
          key: m.key,
          value: auditSized(fieldOf(text, REQUEST_ID), auditBytes),
        });
      }
      const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({
        topic,
        messages,
      }));
      const counts = new Map(topicMessages.map((t) => [t.topic, partitions]));
      const producer = await producerFor(batch.partition);
      const tx = await producer.transaction();
      try {
        for (const send of sendsPerPartition(
          withPartitions(topicMessages, counts),
          SEND_BUDGET_BYTES,
        ))
          await tx.send(send);
        const offset = (BigInt(batch.lastOffset()) + 1n).toString();
        await tx.sendOffsets({
          consumerGroupId: groupId,
          topics: [{ topic: input, partitions: [{ partition: batch.partition, offset }] }],
        });
        await tx.commit();
      } catch (err) {
        await tx.abort().catch(() => undefined);
        throw err;
      }
    },
  });
  process.stdout.write('eos passthrough running\n');
  const stop = (): void => {
    const closing = [...producers.values()].map((p) => p.then((x) => x.disconnect()));
    void Promise.all([consumer.disconnect(), ...closing]).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`eos passthrough failed: ${String(err)}\n`);
  process.exit(1);
});
