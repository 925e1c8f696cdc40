// kafkajs loses records when a multi-partition send is retried after a leader change, so the
// transactional writer sends one topic-partition at a time; these are the rules of that split.
import fc from 'fast-check';
import type {
  OutgoingMessage as Message,
  TopicMessages,
} from '../src/kafka/transactional/outgoing-message';
import {
  sendsPerPartition,
  topicsNeedingCounts,
  withPartitions,
} from '../src/kafka/transactional/partition-sends';

const keyed = (key: string, bytes = 10): Message => ({ key, value: 'v'.repeat(bytes) });

describe('withPartitions', () => {
  it('keeps explicit partitions and places keyed messages by key, within the count', () => {
    const input: TopicMessages[] = [
      { topic: 'audit', messages: [{ ...keyed('a'), partition: 2 }] },
      { topic: 'shares.x', messages: [keyed('learner-1'), keyed('learner-2'), keyed('learner-1')] },
    ];
    expect(topicsNeedingCounts(input)).toEqual(['shares.x']);
    const placed = withPartitions(input, new Map([['shares.x', 3]]));
    expect(placed[0].messages[0].partition).toBe(2);
    const parts = placed[1].messages.map((m) => m.partition!);
    for (const p of parts) expect(p).toBeGreaterThanOrEqual(0);
    for (const p of parts) expect(p).toBeLessThan(3);
    expect(parts[0]).toBe(parts[2]); // the same key, the same partition
    expect(topicsNeedingCounts(placed)).toEqual([]);
  });

  it('refuses a message it cannot place rather than letting the client pick', () => {
    expect(() => withPartitions([{ topic: 't', messages: [keyed('k')] }], new Map())).toThrow(
      TypeError,
    );
    const unkeyed = [{ topic: 't', messages: [{ value: 'v' }] }];
    expect(() => withPartitions(unkeyed, new Map([['t', 2]]))).toThrow(TypeError);
  });
});

describe('sendsPerPartition', () => {
  it('refuses a message without an explicit partition', () => {
    expect(() => sendsPerPartition([{ topic: 't', messages: [keyed('k')] }], 1000)).toThrow(
      TypeError,
    );
  });

  it('makes sends of one topic-partition each, in order, within the budget', () => {
    const specArb = fc.record({
      topic: fc.constantFrom('audit', 'shares.x', 'dlq'),
      partition: fc.integer({ min: 0, max: 3 }),
      bytes: fc.integer({ min: 0, max: 3000 }),
    });
    fc.assert(
      fc.property(
        fc.array(specArb, { maxLength: 150 }),
        fc.integer({ min: 500, max: 9000 }),
        (specs, budget) => {
          const byTopic = new Map<string, Message[]>();
          specs.forEach((s, i) =>
            byTopic.set(s.topic, [
              ...(byTopic.get(s.topic) ?? []),
              { key: String(i), value: 'v'.repeat(s.bytes), partition: s.partition },
            ]),
          );
          const input = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
          const sends = sendsPerPartition(input, budget);
          const seen = new Map<string, string[]>();
          for (const send of sends) {
            const partitions = new Set(send.messages.map((m) => m.partition));
            expect(partitions.size).toBe(1);
            const id = `${send.topic}/${send.messages[0].partition}`;
            seen.set(id, [...(seen.get(id) ?? []), ...send.messages.map((m) => String(m.key))]);
            const bytes = send.messages.reduce((n, m) => n + String(m.value).length, 0);
            if (send.messages.length > 1) expect(bytes).toBeLessThanOrEqual(budget);
          }
          const expected = new Map<string, string[]>();
          for (const { topic, messages } of input)
            for (const m of messages) {
              const id = `${topic}/${m.partition}`;
              expected.set(id, [...(expected.get(id) ?? []), String(m.key)]);
            }
          expect(seen).toEqual(expected);
        },
      ),
    );
  });
});
