// Topic admin against the real broker: idempotent creation (also when instances race),
// partition counts and bounds, bounded waits, deletion and the cluster id.
import type { Admin, Kafka } from 'kafkajs';
import { ConfigResourceTypes } from 'kafkajs';
import { TopicAdmin, TopicWaitTimeoutError } from '../src/kafka/topic-admin';
import { testKafka, uniqueName } from '../../../test/support/kafka';
import { waitFor } from '../../../test/support/wait-for';

describe('TopicAdmin', () => {
  let kafka: Kafka;
  let raw: Admin;
  let topics: TopicAdmin;

  beforeAll(async () => {
    kafka = testKafka('onward-topic-admin-test');
    raw = kafka.admin();
    await raw.connect();
    topics = await TopicAdmin.connect(kafka);
  });

  afterAll(async () => {
    await topics.close();
    await raw.disconnect();
  });

  it('creates missing topics with their partitions and config, once', async () => {
    const compacted = uniqueName('ta-compact');
    const plain = uniqueName('ta-plain');
    const specs = [
      { topic: compacted, partitions: 3, config: { 'cleanup.policy': 'compact' } },
      { topic: plain, partitions: 2 },
    ];
    expect(await topics.ensureTopics(specs)).toEqual([compacted, plain]);
    expect(await topics.ensureTopics(specs)).toEqual([]);
    const counts = await topics.partitionCounts([compacted, plain, uniqueName('ta-none')]);
    expect(counts).toEqual(
      new Map([
        [compacted, 3],
        [plain, 2],
      ]),
    );
    const described = await raw.describeConfigs({
      includeSynonyms: false,
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: compacted, configNames: ['cleanup.policy'] },
      ],
    });
    expect(described.resources[0].configEntries[0].configValue).toBe('compact');
  });

  it('tolerates instances racing to create overlapping topics', async () => {
    const [a, b, c] = ['ta-race-a', 'ta-race-b', 'ta-race-c'].map((l) => uniqueName(l));
    const others = await Promise.all([TopicAdmin.connect(kafka), TopicAdmin.connect(kafka)]);
    try {
      await Promise.all([
        others[0].ensureTopics([a, b].map((topic) => ({ topic, partitions: 2 }))),
        others[1].ensureTopics([b, c].map((topic) => ({ topic, partitions: 2 }))),
        topics.ensureTopics([c, a].map((topic) => ({ topic, partitions: 2 }))),
      ]);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
    expect(await topics.missingTopics([a, b, c])).toEqual([]);
    expect([...(await topics.partitionCounts([a, b, c])).values()]).toEqual([2, 2, 2]);
  });

  it('waits for topics with a limit, and reports partition ids and bounds', async () => {
    const topic = uniqueName('ta-wait');
    let warned = 0;
    const missing = topics.waitForTopics([topic], {
      timeoutMs: 600,
      intervalMs: 100,
      onWait: () => (warned += 1),
    });
    await expect(missing).rejects.toBeInstanceOf(TopicWaitTimeoutError);
    await expect(missing).rejects.toMatchObject({ retriable: true });
    expect(warned).toBe(1); // once, however many looks
    const waiting = topics.waitForTopics([topic], { timeoutMs: 30_000, intervalMs: 100 });
    await topics.ensureTopics([{ topic, partitions: 2 }]);
    expect(await waiting).toEqual(new Map([[topic, [0, 1]]]));
    expect(await topics.partitionBounds(topic)).toEqual(
      new Map([
        [0, { low: 0n, high: 0n }],
        [1, { low: 0n, high: 0n }],
      ]),
    );
    expect(await topics.waitForTopics([topic], { stopped: () => true })).toBeNull();
  });

  it('deletes topics, ignoring those already gone', async () => {
    const topic = uniqueName('ta-delete');
    await topics.ensureTopics([{ topic, partitions: 1 }]);
    await topics.deleteTopics([topic, uniqueName('ta-never')]);
    await waitFor(async () => (await topics.missingTopics([topic])).length === 1, {
      what: 'the topic to be gone',
    });
  });

  it('names the cluster', async () => {
    expect(await topics.clusterId()).toMatch(/\S/);
  });

  it('leaves a borrowed admin connected when closed', async () => {
    await TopicAdmin.over(raw).close();
    expect(Array.isArray(await raw.listTopics())).toBe(true);
  });
});
