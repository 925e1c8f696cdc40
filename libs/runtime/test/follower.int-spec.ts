// The follower against the real broker: explicit and committed start points, read_committed,
// bounded batches, a record larger than the fetch limit, retried and surfaced handler errors,
// and a stop() that keeps its bound while a handler hangs.
import type { Admin, Kafka } from 'kafkajs';
import { OnwardError } from '../src/errors/onward-error';
import { Follower } from '../src/kafka/follower';
import type { FollowedBatch, FollowHandlers, FollowOptions } from '../src/kafka/follower.types';
import { createTopics, testKafka, uniqueName } from '../../../test/support/kafka';
import { waitFor } from '../../../test/support/wait-for';

describe('Follower', () => {
  let kafka: Kafka;
  let admin: Admin;
  const running: Follower[] = [];

  beforeAll(async () => {
    kafka = testKafka('onward-follower-test');
    admin = kafka.admin();
    await admin.connect();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((f) => f.stop()));
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  /** A new two-partition topic holding `values[p]` on each partition p. */
  async function topicWith(values: string[][]): Promise<string> {
    const topic = uniqueName('follow');
    await createTopics(admin, [{ topic, numPartitions: 2 }]);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const messages = values.flatMap((vs, partition) => vs.map((value) => ({ partition, value })));
    await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();
    return topic;
  }

  async function follow(
    options: Partial<FollowOptions> & Pick<FollowOptions, 'topics'>,
    handlers: Partial<FollowHandlers> = {},
  ): Promise<{ follower: Follower; batches: FollowedBatch[]; errors: OnwardError[] }> {
    const batches: FollowedBatch[] = [];
    const errors: OnwardError[] = [];
    const follower = new Follower(
      kafka,
      { start: 'earliest', groupPrefix: uniqueName('follow-g'), ...options },
      {
        onBatch: (batch) => void batches.push(batch),
        onError: (error) => void errors.push(error),
        ...handlers,
      },
    );
    running.push(follower);
    await follower.start();
    return { follower, batches, errors };
  }

  const values = (batches: FollowedBatch[], partition: number) =>
    batches
      .filter((b) => b.partition === partition)
      .flatMap((b) => b.records.map((r) => r.value!.toString()));

  it('starts each partition at the offset the caller holds, elsewhere at the start', async () => {
    const topic = await topicWith([
      ['a0', 'a1', 'a2', 'a3'],
      ['b0', 'b1'],
    ]);
    const { batches } = await follow({
      topics: [topic],
      start: { offsets: (_t, partition) => (partition === 0 ? 2n : undefined) },
    });
    await waitFor(() => values(batches, 0).length === 2 && values(batches, 1).length === 2);
    expect(values(batches, 0)).toEqual(['a2', 'a3']);
    expect(values(batches, 1)).toEqual(['b0', 'b1']);
    expect(batches[0].records[0]).toEqual(
      expect.objectContaining({ offset: expect.any(String), timestamp: expect.any(String) }),
    );
  });

  it('follows records written after it started, and none before with start latest', async () => {
    const topic = await topicWith([['old'], []]);
    const assigned: number[] = [];
    const { batches } = await follow(
      { topics: [topic], start: 'latest' },
      { onAssigned: (a) => assigned.push(...(a.get(topic) ?? [])) },
    );
    await waitFor(() => assigned.length === 2, { what: 'the assignment' });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ partition: 0, value: 'new' }] });
    await producer.disconnect();
    await waitFor(() => values(batches, 0).length > 0);
    expect(values(batches, 0)).toEqual(['new']);
  });

  it('hands over only committed transactional records, an open transaction once committed', async () => {
    const topic = uniqueName('follow-tx');
    await createTopics(admin, [{ topic, numPartitions: 1 }]);
    const producer = kafka.producer({
      transactionalId: uniqueName('follow-txid'),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const send = async (value: string, commit: boolean) => {
      const tx = await producer.transaction();
      await tx.send({ topic, messages: [{ value }] });
      await (commit ? tx.commit() : tx.abort());
    };
    await send('a', true);
    await send('gone', false);
    const progress: bigint[] = [];
    const { batches } = await follow(
      { topics: [topic] },
      { onProgress: ({ next }) => void progress.push(next) },
    );
    await waitFor(() => values(batches, 0).length === 1);
    const open = await producer.transaction();
    await open.send({ topic, messages: [{ value: 'later' }] });
    // The open transaction holds read_committed back: nothing past 'a' is handed over.
    await waitFor(() => progress.some((next) => next >= 4n), { what: 'the abort marker read' });
    expect(values(batches, 0)).toEqual(['a']);
    await open.commit();
    await producer.disconnect();
    await waitFor(() => values(batches, 0).length === 2);
    expect(values(batches, 0)).toEqual(['a', 'later']);
  });

  it('hands over at most maxBatchRecords at once, in offset order', async () => {
    const all = Array.from({ length: 10 }, (_, i) => `v${i}`);
    const topic = await topicWith([all, []]);
    const { batches } = await follow({ topics: [topic], maxBatchRecords: 3 });
    await waitFor(() => values(batches, 0).length === 10);
    expect(values(batches, 0)).toEqual(all);
    expect(Math.max(...batches.map((b) => b.records.length))).toBeLessThanOrEqual(3);
  });

  it('delivers a record larger than the fetch limit without holding up the other partition', async () => {
    const topic = uniqueName('follow-big');
    await createTopics(admin, [{ topic, numPartitions: 2 }]);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const huge = 'x'.repeat(256 * 1024);
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { partition: 0, value: huge },
        { partition: 0, value: 'after-huge' },
        ...['s0', 's1', 's2'].map((value) => ({ partition: 1, value })),
      ],
    });
    await producer.disconnect();
    const { batches, errors } = await follow({ topics: [topic], maxBytesPerPartition: 16 * 1024 });
    await waitFor(() => values(batches, 0).length === 2 && values(batches, 1).length === 3);
    expect(values(batches, 0)[0]).toHaveLength(huge.length);
    expect(values(batches, 0)[1]).toBe('after-huge');
    expect(values(batches, 1)).toEqual(['s0', 's1', 's2']);
    expect(errors).toEqual([]);
  });

  it('hands a batch over again after a retriable handler error', async () => {
    const topic = await topicWith([['r0', 'r1'], []]);
    let failures = 0;
    const seen: string[] = [];
    const { errors } = await follow(
      { topics: [topic], retry: { initialDelayMs: 100, maxDelayMs: 500 } },
      {
        onBatch: ({ records }) => {
          if (failures < 2) {
            failures += 1;
            throw new OnwardError('store busy', { retriable: true });
          }
          seen.push(...records.map((r) => r.value!.toString()));
        },
      },
    );
    await waitFor(() => seen.length === 2, { what: 'the batch after two retries' });
    expect(failures).toBe(2);
    expect(seen).toEqual(['r0', 'r1']);
    expect(errors).toEqual([]);
  });

  it('stops and surfaces a handler error that is not retriable, handing nothing more', async () => {
    const topic = await topicWith([['p0', 'p1'], []]);
    const bug = new TypeError('no such field');
    let calls = 0;
    const { errors } = await follow(
      { topics: [topic], maxBatchRecords: 1 },
      {
        onBatch: () => {
          calls += 1;
          throw bug;
        },
      },
    );
    await waitFor(() => errors.length === 1, { what: 'the surfaced error' });
    expect(errors[0]).toBeInstanceOf(OnwardError);
    expect(errors[0]).toMatchObject({ retriable: false, cause: bug });
    expect(errors[0].message).toContain(`${topic}/0 offset 0`);
    expect(calls).toBe(1);
  });

  it('resumes a named group from its committed offsets when asked to commit', async () => {
    const topic = await topicWith([['c0', 'c1'], []]);
    const groupId = uniqueName('follow-named');
    const first = await follow({
      topics: [topic],
      groupId,
      commit: true,
      start: { committed: 'earliest' },
    });
    await waitFor(() => values(first.batches, 0).length === 2);
    await first.follower.stop();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ partition: 0, value: 'c2' }] });
    await producer.disconnect();
    const second = await follow({ topics: [topic], groupId, start: { committed: 'earliest' } });
    await waitFor(() => values(second.batches, 0).length === 1);
    expect(values(second.batches, 0)).toEqual(['c2']);
  });

  it('returns from stop() within its bound while a handler hangs', async () => {
    const topic = await topicWith([['h0'], []]);
    let release: (() => void) | undefined;
    const { follower } = await follow(
      { topics: [topic], stopTimeoutMs: 1500 },
      { onBatch: () => new Promise<void>((resolve) => (release = resolve)) },
    );
    await waitFor(() => release, { what: 'the handler to start' });
    const started = Date.now();
    await follower.stop();
    const took = Date.now() - started;
    // Let the hung handler end so the leave that goes on in the background completes.
    release?.();
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(4000);
  });
});
