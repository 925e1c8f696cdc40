import { topicNames } from '@app/contracts';
import type { Admin } from 'kafkajs';
import pino from 'pino';
import { genuineChain, wire } from '../../../../test/support/auditor/audit-events';
import { waitFor } from '../../../../test/support/wait-for';
import type { AuditStore, IngestRepository } from '../store/audit-store';
import { openSqliteStore } from '../store/sqlite/open-sqlite-store';
import { IngestService } from './ingest.service';
import { IngestStatus } from './ingest-status';
import type { StreamHandlers, StreamSource } from './stream-consumer';
import type { StreamRecord } from '@app/runtime';

const topics = topicNames('unit.');

/** A stream the test drives by hand, remembering seeks. */
class FakeStream implements StreamSource {
  handlers!: StreamHandlers;
  readonly seeks: [string, number, number][] = [];
  async start(handlers: StreamHandlers): Promise<void> {
    this.handlers = handlers;
  }
  seek(topic: string, partition: number, offset: number): void {
    this.seeks.push([topic, partition, offset]);
  }
  async stop(): Promise<void> {}
}

const admin = {
  listTopics: async () => [topics.audit, topics.recipients],
  fetchTopicMetadata: async () => ({
    topics: [
      { name: topics.audit, partitions: [{ partitionId: 0 }] },
      { name: topics.recipients, partitions: [{ partitionId: 0 }] },
    ],
  }),
} as unknown as Admin;

describe('IngestService', () => {
  let store: AuditStore;
  let stream: FakeStream;
  let failNext: boolean;
  let service: IngestService;

  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    stream = new FakeStream();
    failNext = false;
    const flaky: IngestRepository = Object.create(store.ingest);
    flaky.writeAuditBatch = async (batch) => {
      if (failNext) {
        failNext = false;
        throw new Error('disk full');
      }
      return store.ingest.writeAuditBatch(batch);
    };
    service = new IngestService({
      topics,
      store: flaky,
      consumer: stream,
      logger: pino({ level: 'silent' }),
      options: { holdMs: 10, topicWaitMs: 10 },
      status: new IngestStatus(),
    });
    await service.start(admin);
    stream.handlers.onAssigned(new Map([[topics.audit, [0]]]));
  });
  afterEach(() => store.close());

  const records = (values: Buffer[], from: number, to: number): StreamRecord[] =>
    values.slice(from, to).map((value, i) => ({
      offset: String(from + i),
      key: null,
      value,
      timestamp: '0',
    }));

  /** The first batch after an assignment claims the partition and seeks to its checkpoint. */
  const claim = async (values: Buffer[], from: number): Promise<void> => {
    const before = stream.seeks.length;
    await stream.handlers.onBatch(topics.audit, 0, records(values, from, from + 1));
    expect(stream.seeks.slice(before)).toEqual([[topics.audit, 0, from]]);
  };

  it('claims a partition on its first batch and reads on from the stored checkpoint', async () => {
    const values = genuineChain(0, 8).map(wire);
    await claim(values, 0);
    await stream.handlers.onBatch(topics.audit, 0, records(values, 0, 4));
    stream.handlers.onAssigned(new Map([[topics.audit, [0]]]));
    await new Promise((resolve) => setImmediate(resolve));
    await claim(values, 4);
    await stream.handlers.onBatch(topics.audit, 0, records(values, 4, 8));
    const [state] = await store.query.partitionStates();
    expect(state).toMatchObject({ records: 8, nextOffset: 8, tip: { seq: 7 } });
  });

  it('after a failed write, reads again from the stored checkpoint, before the batch', async () => {
    const values = genuineChain(0, 12).map(wire);
    [values[5], values[6]] = [values[6], values[5]];
    await claim(values, 0);
    await stream.handlers.onBatch(topics.audit, 0, records(values, 0, 6));
    failNext = true;
    await expect(stream.handlers.onBatch(topics.audit, 0, records(values, 6, 12))).rejects.toThrow(
      'disk full',
    );
    // Record 5 is held back, so the checkpoint is before it: read again from there.
    expect(stream.seeks.at(-1)).toEqual([topics.audit, 0, 5]);
    expect(stream.handlers.resumeAt(topics.audit, 0)).toBe(5);
    await claim(values, 5);
    await stream.handlers.onBatch(topics.audit, 0, records(values, 5, 12));
    const [state] = await store.query.partitionStates();
    expect(state).toMatchObject({ records: 12, events: 12, tip: { seq: 11 } });
    const alerts = await store.query.alerts({});
    expect(alerts.map(({ kind, seq, offset }) => ({ kind, seq, offset }))).toEqual([
      { kind: 'reordered', seq: 5, offset: 6 },
    ]);
  });

  it('skips records it has already read (a redelivery)', async () => {
    const values = genuineChain(0, 6).map(wire);
    await claim(values, 0);
    await stream.handlers.onBatch(topics.audit, 0, records(values, 0, 4));
    await stream.handlers.onBatch(topics.audit, 0, records(values, 0, 6));
    const [state] = await store.query.partitionStates();
    expect(state).toMatchObject({ records: 6, nextOffset: 6 });
    expect(await store.query.alerts({})).toEqual([]);
  });

  it('settles a record held at the end of the stream once the hold time passes', async () => {
    const values = genuineChain(0, 6).map(wire);
    values.splice(4, 1);
    await claim(values, 0);
    await stream.handlers.onBatch(topics.audit, 0, records(values, 0, 5));
    expect(await store.query.alerts({})).toEqual([]);
    stream.handlers.onCaughtUp(topics.audit, 0);
    const alerts = await waitFor(async () => {
      const stored = await store.query.alerts({});
      return stored.length > 0 ? stored : null;
    });
    expect(alerts.map(({ kind, seq, offset }) => ({ kind, seq, offset }))).toEqual([
      { kind: 'missing', seq: 4, offset: 4 },
    ]);
  });
});
