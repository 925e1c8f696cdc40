import { randomBytes } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';

const REQUEST_ID = '"requestId":"';

/** The requestId in a record's JSON (an audit event or a passed-through request), unparsed. */
function requestIdOf(value: Buffer | null): string | null {
  if (value === null) return null;
  const text = value.toString('utf8');
  const at = text.indexOf(REQUEST_ID);
  if (at < 0) return null;
  const from = at + REQUEST_ID.length;
  return text.slice(from, text.indexOf('"', from));
}

/**
 * A read_committed reader of one output topic that notes when outputs arrive: per fetched
 * batch (cheap, for throughput), and per requestId when latency is being measured.
 */
export class OutputReader {
  /** Cumulative output count after each batch, with the time it was read. */
  readonly progress: { count: number; at: number }[] = [];
  /** Arrival time per requestId, for the requestIds registered with {@link expect}. */
  readonly arrivals = new Map<string, number>();
  private count = 0;
  private watched: Set<string> | null = null;
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async start(): Promise<void> {
    const groupId = `bench-reader-${randomBytes(4).toString('hex')}`;
    this.consumer = this.kafka.consumer({ groupId, readUncommitted: false });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const at = Date.now();
        this.count += batch.messages.length;
        this.progress.push({ count: this.count, at });
        const watched = this.watched;
        if (watched === null) return;
        for (const m of batch.messages) {
          const id = requestIdOf(m.value);
          if (id !== null && watched.has(id) && !this.arrivals.has(id)) this.arrivals.set(id, at);
        }
      },
    });
  }

  /** Outputs read so far. */
  total(): number {
    return this.count;
  }

  /** Starts noting the arrival time of these requestIds. */
  watch(requestIds: Iterable<string>): void {
    this.watched = new Set(requestIds);
  }

  /**
   * Requests per second between the arrival of output `from` and output `to` (counted from
   * the start): the steady middle of a backlog, without start-up and tail.
   */
  rateBetween(from: number, to: number): number {
    const a = this.progress.find((p) => p.count >= from);
    const b = this.progress.find((p) => p.count >= to);
    if (!a || !b || b.at <= a.at) return NaN;
    return ((b.count - a.count) * 1000) / (b.at - a.at);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
