// The partition-range reader against the real broker: exact ranges, empty ranges, the end
// taken at start, read_committed over an aborted transaction, and a bounded wait.
import type { Admin, Kafka } from 'kafkajs';
import {
  partitionBounds,
  PartitionRangeTimeoutError,
  readPartitionRange,
  type PartitionRangeRead,
} from '../src/kafka/partition-range.reader';
import type { StreamRecord } from '../src/kafka/stream-record';
import { createTopics, testKafka, uniqueName } from '../../../test/support/kafka';
import { waitFor } from '../../../test/support/wait-for';

describe('readPartitionRange', () => {
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    kafka = testKafka('onward-range-test');
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  /** A new two-partition topic with `count` records `v0..` on partition 1 (and one on 0). */
  async function topicWith(count: number): Promise<string> {
    const topic = uniqueName('range');
    await createTopics(admin, [{ topic, numPartitions: 2 }]);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const messages = Array.from({ length: count }, (_, i) => ({ partition: 1, value: `v${i}` }));
    await producer.send({ topic, acks: -1, messages: [...messages, { partition: 0, value: 'x' }] });
    await producer.disconnect();
    return topic;
  }

  async function read(
    topic: string,
    range: Partial<PartitionRangeRead> = {},
  ): Promise<{ values: string[]; offsets: string[]; range: { from: bigint; to: bigint } }> {
    const records: StreamRecord[] = [];
    const read = await readPartitionRange(
      { kafka, admin },
      { topic, partition: 1, groupId: uniqueName('range-g'), timeoutMs: 30_000, ...range },
      (batch) => void records.push(...batch),
    );
    return {
      values: records.map((r) => r.value!.toString()),
      offsets: records.map((r) => r.offset),
      range: read,
    };
  }

  it('reads exactly the range asked for, of that partition only', async () => {
    const topic = await topicWith(6);
    const result = await read(topic, { from: 2n, to: 5n });
    expect(result.values).toEqual(['v2', 'v3', 'v4']);
    expect(result.offsets).toEqual(['2', '3', '4']);
  });

  it('reads to the end the partition had at start by default', async () => {
    const topic = await topicWith(4);
    const result = await read(topic);
    expect(result.values).toEqual(['v0', 'v1', 'v2', 'v3']);
    expect(result.range).toEqual({ from: 0n, to: 4n });
  });

  it('returns an empty range without reading', async () => {
    const topic = await topicWith(3);
    const result = await read(topic, { from: 3n });
    expect(result.values).toEqual([]);
    expect(result.range).toEqual({ from: 3n, to: 3n });
  });

  it('skips an aborted transaction read_committed and ends on a commit marker', async () => {
    const topic = uniqueName('range-tx');
    await createTopics(admin, [{ topic, numPartitions: 2 }]);
    const producer = kafka.producer({
      transactionalId: uniqueName('range-txid'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    for (const [values, commit] of [
      [['a', 'b'], true],
      [['gone'], false],
      [['c'], true],
    ] as const) {
      const tx = await producer.transaction();
      await tx.send({ topic, messages: values.map((value) => ({ partition: 1, value })) });
      await (commit ? tx.commit() : tx.abort());
    }
    await producer.disconnect();
    // Markers are written after the commit returns: wait until the last one is in the log
    // (a, b, marker, gone, marker, c, marker), so the range ends on it.
    await waitFor(async () => (await partitionBounds(admin, topic, 1)).high === 7n, {
      what: 'the last commit marker',
    });
    const result = await read(topic);
    expect(result.values).toEqual(['a', 'b', 'c']);
    expect(result.range).toEqual({ from: 0n, to: 7n });
  });

  it('passes on the handler error and stops', async () => {
    const topic = await topicWith(3);
    const failure = new Error('handler refused');
    await expect(
      readPartitionRange(
        { kafka, admin },
        { topic, partition: 1, groupId: uniqueName('range-g'), timeoutMs: 30_000 },
        () => {
          throw failure;
        },
      ),
    ).rejects.toBe(failure);
  });

  it('fails retriably, naming the partition, when the range is not there in time', async () => {
    const topic = await topicWith(2);
    const reading = read(topic, { from: 0n, to: 5n, timeoutMs: 3_000 });
    await expect(reading).rejects.toBeInstanceOf(PartitionRangeTimeoutError);
    await expect(reading).rejects.toMatchObject({
      retriable: true,
      message: expect.stringContaining(`${topic}/1 offsets 0..5`),
    });
  });

  it('stops at the idle limit and says how far it got', async () => {
    const topic = await topicWith(2);
    const reading = read(topic, { to: 5n, idleTimeoutMs: 1_500, timeoutMs: 60_000 });
    await expect(reading).rejects.toMatchObject({ retriable: true, position: 2n });
  });
});
