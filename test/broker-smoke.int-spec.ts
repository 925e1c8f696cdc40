// The broker facts the whole design leans on, checked against the real broker:
// transactions are all-or-nothing for read_committed readers, and compaction keeps the
// last value per key and drops keys whose last value is a tombstone.
import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { collect, createTopics, testKafka, uniqueName } from './support/kafka';
import { waitFor } from './support/wait-for';

describe('local Kafka broker', () => {
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    kafka = testKafka('onward-smoke');
    admin = kafka.admin();
    await admin.connect();
    const cluster = await admin.describeCluster();
    console.log(
      `[smoke] talking to broker ${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(',')} cluster ${cluster.clusterId}`,
    );
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  it('shows a committed transaction to read_committed readers and hides an aborted one', async () => {
    const topic = uniqueName('smoke-tx');
    await createTopics(admin, [{ topic, numPartitions: 1 }]);
    const producer = kafka.producer({
      transactionalId: uniqueName('smoke-txid'),
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: 10_000,
    });
    await producer.connect();

    const aborted = await producer.transaction();
    await aborted.send({
      topic,
      messages: [
        { key: 'k', value: 'aborted-1' },
        { key: 'k', value: 'aborted-2' },
      ],
    });
    await aborted.abort();

    const committed = await producer.transaction();
    await committed.send({ topic, messages: [{ key: 'k', value: 'committed-1' }] });
    await committed.commit();

    // A marker after both transactions: once the reader has it, it has seen all it ever will.
    const marker = await producer.transaction();
    await marker.send({ topic, messages: [{ key: 'k', value: 'end' }] });
    await marker.commit();

    const consumer = kafka.consumer({ groupId: uniqueName('smoke-g'), readUncommitted: false });
    const { messages } = await collect(consumer, topic);
    await waitFor(() => messages.some((m) => m.value?.toString() === 'end'), {
      what: 'end marker',
    });
    await consumer.disconnect();
    await producer.disconnect();

    expect(messages.map((m) => m.value?.toString())).toEqual(['committed-1', 'end']);
  });

  it('lets read_uncommitted readers see aborted records, which is why we never use it', async () => {
    const topic = uniqueName('smoke-uncommitted');
    await createTopics(admin, [{ topic, numPartitions: 1 }]);
    const producer = kafka.producer({
      transactionalId: uniqueName('smoke-txid'),
      maxInFlightRequests: 1,
      idempotent: true,
    });
    await producer.connect();
    const tx = await producer.transaction();
    await tx.send({ topic, messages: [{ value: 'aborted' }] });
    await tx.abort();
    const tx2 = await producer.transaction();
    await tx2.send({ topic, messages: [{ value: 'end' }] });
    await tx2.commit();

    const consumer = kafka.consumer({ groupId: uniqueName('smoke-g'), readUncommitted: true });
    const { messages } = await collect(consumer, topic);
    await waitFor(() => messages.some((m) => m.value?.toString() === 'end'), {
      what: 'end marker',
    });
    await consumer.disconnect();
    await producer.disconnect();

    expect(messages.map((m) => m.value?.toString())).toEqual(['aborted', 'end']);
  });

  it('compacts a topic to the last value per key and drops tombstoned keys', async () => {
    const topic = uniqueName('smoke-compact');
    await createTopics(admin, [
      {
        topic,
        numPartitions: 1,
        configEntries: [
          { name: 'cleanup.policy', value: 'compact' },
          { name: 'segment.ms', value: '100' },
          { name: 'min.cleanable.dirty.ratio', value: '0.001' },
          { name: 'delete.retention.ms', value: '0' },
          { name: 'min.compaction.lag.ms', value: '0' },
        ],
      },
    ]);
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      messages: [
        { key: 'a', value: 'a1' },
        { key: 'b', value: 'b1' },
        { key: 'c', value: 'c1' },
      ],
    });
    await producer.send({
      topic,
      messages: [
        { key: 'a', value: 'a2' },
        { key: 'b', value: null },
      ],
    });

    // Compaction only cleans closed segments: keep appending a filler key so segments roll,
    // and read the topic from the start until the cleaner has done its work.
    const readAll = async (): Promise<KafkaMessage[]> => {
      await producer.send({ topic, messages: [{ key: 'filler', value: 'f' }] });
      const consumer = kafka.consumer({ groupId: uniqueName('smoke-g') });
      const { messages } = await collect(consumer, topic);
      await waitFor(() => messages.filter((m) => m.key?.toString() === 'filler').length > 0, {
        what: 'filler',
      });
      const offsets = await admin.fetchTopicOffsets(topic);
      await waitFor(
        () =>
          messages.length > 0 &&
          BigInt(messages[messages.length - 1].offset) + 1n >= BigInt(offsets[0].high),
        { what: 'end of topic' },
      );
      await consumer.disconnect();
      return messages;
    };
    const compacted = await waitFor(
      async () => {
        const messages = await readAll();
        const keys = messages.map((m) => m.key?.toString());
        return keys.filter((k) => k === 'a').length === 1 && !keys.includes('b') ? messages : null;
      },
      { timeoutMs: 60_000, intervalMs: 300, what: 'compaction of a and removal of tombstoned b' },
    );
    await producer.disconnect();

    const last = new Map(compacted.map((m) => [m.key?.toString(), m.value?.toString() ?? null]));
    expect(last.get('a')).toBe('a2');
    expect(last.get('c')).toBe('c1');
    expect(last.has('b')).toBe(false);
  });
});
