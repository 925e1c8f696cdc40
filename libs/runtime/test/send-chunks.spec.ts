// The outputs of one transaction are sent in pieces small enough for the broker's record batch
// limit, without reordering anything within a topic (the audit chain's order is its log order).
import fc from 'fast-check';
import type {
  OutgoingMessage as Message,
  TopicMessages,
} from '../src/kafka/transactional/outgoing-message';
import { chunkBySize } from '../src/kafka/transactional/send-chunks';

const message = (id: string, bytes: number): Message => ({ key: id, value: 'v'.repeat(bytes) });

function flatten(chunks: TopicMessages[][]): Map<string, string[]> {
  const byTopic = new Map<string, string[]>();
  for (const chunk of chunks)
    for (const { topic, messages } of chunk)
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), ...messages.map((m) => String(m.key))]);
  return byTopic;
}

const sizeOf = (chunk: TopicMessages[]): number =>
  chunk.flatMap((t) => t.messages).reduce((n, m) => n + String(m.value).length, 0);

describe('chunkBySize', () => {
  it('keeps a small transaction in one send', () => {
    const input = [{ topic: 'a', messages: [message('1', 10), message('2', 10)] }];
    expect(chunkBySize(input, 1000)).toEqual([input]);
  });

  it('sends a record larger than the budget on its own', () => {
    const input = [
      { topic: 'a', messages: [message('1', 10), message('big', 5000), message('3', 10)] },
    ];
    const chunks = chunkBySize(input, 1000);
    expect(chunks.map((c) => c[0].messages.map((m) => m.key))).toEqual([['1'], ['big'], ['3']]);
  });

  it('keeps every topic in order and every send within the budget', () => {
    const topicArb = fc.constantFrom('audit', 'shares.x', 'dlq');
    const inputArb = fc.array(
      fc.record({ topic: topicArb, bytes: fc.integer({ min: 0, max: 3000 }) }),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 500, max: 20_000 }), (specs, budget) => {
        const grouped = new Map<string, Message[]>();
        specs.forEach((s, i) =>
          grouped.set(s.topic, [...(grouped.get(s.topic) ?? []), message(`${i}`, s.bytes)]),
        );
        const input = [...grouped].map(([topic, messages]) => ({ topic, messages }));
        const chunks = chunkBySize(input, budget);
        const expected = new Map(input.map((t) => [t.topic, t.messages.map((m) => String(m.key))]));
        expect(flatten(chunks)).toEqual(expected);
        for (const chunk of chunks) {
          const count = chunk.reduce((n, t) => n + t.messages.length, 0);
          expect(count).toBeGreaterThan(0);
          if (count > 1) expect(sizeOf(chunk)).toBeLessThanOrEqual(budget);
        }
      }),
    );
  });
});
