// The transactional writer against the real broker: a batch's records and input offsets become
// visible together or not at all, and a writer opened with the same id fences the older one.
import type { Admin, Kafka } from 'kafkajs';
import { partitionBounds, readPartitionRange } from '../src/kafka/partition-range.reader';
import type { TopicMessages } from '../src/kafka/transactional/outgoing-message';
import { TransactionFailedError } from '../src/kafka/transactional/transaction-failed.error';
import {
  TransactionalWriter,
  type TransactionalWriterSpec,
} from '../src/kafka/transactional/transactional-writer';
import { createTopics, testKafka, uniqueName } from '../../../test/support/kafka';
import { waitFor } from '../../../test/support/wait-for';

describe('TransactionalWriter', () => {
  let kafka: Kafka;
  let admin: Admin;
  const open: TransactionalWriter[] = [];

  beforeAll(async () => {
    kafka = testKafka('onward-tx-writer-test');
    admin = kafka.admin();
    await admin.connect();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((w) => w.close().catch(() => undefined)));
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  /** Input and output topics of one test, and the spec of the input's partition 1 writer. */
  async function setup(): Promise<{ spec: TransactionalWriterSpec; input: string; out: string }> {
    const input = uniqueName('tx-in');
    const out = uniqueName('tx-out');
    await createTopics(admin, [
      { topic: input, numPartitions: 2 },
      { topic: out, numPartitions: 2 },
    ]);
    const spec = {
      transactionalId: uniqueName('tx-id'),
      transactionTimeoutMs: 30_000,
      groupId: uniqueName('tx-g'),
      input: { topic: input, partition: 1 },
    };
    return { spec, input, out };
  }

  async function openWriter(
    spec: TransactionalWriterSpec,
    budget?: number,
  ): Promise<TransactionalWriter> {
    const writer = await TransactionalWriter.open(
      { kafka, admin },
      budget === undefined ? spec : { ...spec, sendBudgetBytes: budget },
    );
    open.push(writer);
    return writer;
  }

  /**
   * The values of one partition, read_committed unless asked otherwise, once its log holds
   * `high` offsets: commit and abort markers are written after commit() returns, and until
   * then the committed end stays before the transaction.
   */
  async function valuesOf(topic: string, partition: number, high: bigint, readUncommitted = false) {
    await waitFor(async () => (await partitionBounds(admin, topic, partition)).high === high, {
      what: `${topic}/${partition} to reach offset ${high}`,
    });
    const values: string[] = [];
    await readPartitionRange(
      { kafka, admin },
      { topic, partition, groupId: uniqueName('tx-r'), timeoutMs: 30_000, readUncommitted },
      (records) => void values.push(...records.map((r) => r.value!.toString())),
    );
    return values;
  }

  async function committedOf(groupId: string, topic: string, partition: number) {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const entry = offsets.partitions.find((p) => p.partition === partition);
    return { offset: entry?.offset, metadata: entry?.metadata };
  }

  const to = (topic: string, partition: number, ...values: string[]): TopicMessages => ({
    topic,
    messages: values.map((value) => ({ partition, value })),
  });

  it('starts from nothing committed', async () => {
    const { spec } = await setup();
    const writer = await openWriter(spec);
    expect(writer.committed).toEqual({ offset: 0n, metadata: null });
  });

  it('commits records of several partitions with the input offsets in one transaction', async () => {
    const { spec, input, out } = await setup();
    const writer = await openWriter(spec);
    await writer.write({
      topicMessages: [to(out, 0, 'a0', 'a1'), to(out, 1, 'b0')],
      offsets: [
        { topic: input, partition: 1, offset: 5n, metadata: '{"tip":7}' },
        // Another topic's same-numbered partition, committed in the same transaction.
        { topic: out, partition: 1, offset: 2n },
      ],
    });
    expect(await valuesOf(out, 0, 3n)).toEqual(['a0', 'a1']);
    expect(await valuesOf(out, 1, 2n)).toEqual(['b0']);
    expect(await committedOf(spec.groupId, input, 1)).toEqual({
      offset: '5',
      metadata: '{"tip":7}',
    });
    expect((await committedOf(spec.groupId, out, 1)).offset).toBe('2');
    // A later holder of the partition starts where the transaction left it.
    await writer.close();
    const next = await openWriter(spec);
    expect(next.committed).toEqual({ offset: 5n, metadata: '{"tip":7}' });
  });

  it('splits a large batch into sends under the budget, in order, still one transaction', async () => {
    const { spec, input, out } = await setup();
    const writer = await openWriter(spec, 200);
    const values = Array.from({ length: 30 }, (_, i) => `v${i}`.padEnd(40, '.'));
    await writer.write({
      topicMessages: [to(out, 0, ...values)],
      offsets: [{ topic: input, partition: 1, offset: 30n }],
    });
    expect(await valuesOf(out, 0, 31n)).toEqual(values);
    expect((await committedOf(spec.groupId, input, 1)).offset).toBe('30');
  });

  it('leaves nothing of a failed batch visible and keeps the offset where it was', async () => {
    const { spec, input, out } = await setup();
    const small = uniqueName('tx-small');
    await createTopics(admin, [
      {
        topic: small,
        numPartitions: 1,
        configEntries: [{ name: 'max.message.bytes', value: '1000' }],
      },
    ]);
    const writer = await openWriter(spec);
    await writer.write({
      topicMessages: [to(out, 0, 'kept')],
      offsets: [{ topic: input, partition: 1, offset: 1n }],
    });
    // The first send lands in the log; the second is refused, so the whole batch aborts.
    const failing = writer.write({
      topicMessages: [to(out, 0, 'doomed'), to(small, 0, 'x'.repeat(5000))],
      offsets: [{ topic: input, partition: 1, offset: 2n }],
    });
    await expect(failing).rejects.toBeInstanceOf(TransactionFailedError);
    await expect(failing).rejects.toMatchObject({ retriable: false });
    // The writer goes on: a next batch commits after the aborted one.
    await writer.write({
      topicMessages: [to(out, 0, 'after')],
      offsets: [{ topic: input, partition: 1, offset: 3n }],
    });
    expect(await valuesOf(out, 0, 6n)).toEqual(['kept', 'after']);
    expect(await valuesOf(out, 0, 6n, true)).toEqual(['kept', 'doomed', 'after']);
    // The refused record never reached the log; only the abort marker did.
    expect(await valuesOf(small, 0, 1n, true)).toEqual([]);
    expect((await committedOf(spec.groupId, input, 1)).offset).toBe('3');
  });

  it('refuses a message without a partition before any transaction', async () => {
    const { spec, out } = await setup();
    const writer = await openWriter(spec);
    await expect(
      writer.write({ topicMessages: [{ topic: out, messages: [{ value: 'v' }] }], offsets: [] }),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('is fenced by a writer opened later with the same transactional id', async () => {
    const { spec, input, out } = await setup();
    const zombie = await openWriter(spec);
    await zombie.write({
      topicMessages: [to(out, 0, 'first')],
      offsets: [{ topic: input, partition: 1, offset: 1n }],
    });
    const successor = await openWriter(spec);
    expect(successor.committed.offset).toBe(1n);
    const stale = zombie.write({
      topicMessages: [to(out, 0, 'zombie')],
      offsets: [{ topic: input, partition: 1, offset: 9n }],
    });
    await expect(stale).rejects.toBeInstanceOf(TransactionFailedError);
    await expect(stale).rejects.toMatchObject({ retriable: false });
    await successor.write({
      topicMessages: [to(out, 0, 'second')],
      offsets: [{ topic: input, partition: 1, offset: 2n }],
    });
    expect(await valuesOf(out, 0, 4n)).toEqual(['first', 'second']);
    expect((await committedOf(spec.groupId, input, 1)).offset).toBe('2');
  });
});
