import type { AuditEvent, ChainAlert } from '@app/contracts';
import {
  chainOf,
  eventBody,
  recipientRecord,
} from '../../../../../test/support/auditor/audit-events';
import type { AuditStore } from '../audit-store';
import type { AuditBatchWrite } from '../store.types';
import { openSqliteStore } from './open-sqlite-store';

const batchOf = (partition: number, events: (AuditEvent | null)[], first = 0): AuditBatchWrite => ({
  partition,
  records: events.map((event, i) => ({ partition, offset: first + i, timestampMs: 1, event })),
  alerts: [],
  checkpoint: { tip: null, nextOffset: first + events.length },
  tip: null,
  detectedAt: '2026-01-01T00:00:00.000Z',
});

const alert = (over: Partial<ChainAlert> = {}): ChainAlert => ({
  partition: 0,
  seq: 3,
  offset: '3',
  kind: 'changed',
  detail: 'hash does not match content',
  ...over,
});

describe('SqliteAuditStore', () => {
  let store: AuditStore;
  const events = chainOf(0, [
    eventBody({ subjectId: 's1', decidedAt: '2026-01-01T00:00:00.000Z' }),
    eventBody({ subjectId: 's2', decision: 'deny', decidedAt: '2026-01-02T00:00:00.000Z' }),
    eventBody({
      subjectId: 's1',
      decision: 'deny',
      decidedAt: '2026-01-03T00:00:00.000Z',
      reasons: [{ code: 'SUBJECT_OPTED_OUT', rule: 'r', clause: 'c' }],
    }),
    eventBody({ subjectId: 's1', purpose: 'marketing', decidedAt: '2026-01-04T00:00:00.000Z' }),
  ]);

  beforeEach(() => {
    store = openSqliteStore(':memory:');
  });
  afterEach(() => store.close());

  it('stores a batch once: writing it again changes nothing', async () => {
    await store.ingest.writeAuditBatch(batchOf(0, [...events, null]));
    await store.ingest.writeAuditBatch(batchOf(0, [...events, null]));
    const [state] = await store.query.partitionStates();
    expect(state).toMatchObject({ partition: 0, records: 5, events: 4, nextOffset: 5 });
    const page = await store.query.findEvents({}, { limit: 100 });
    expect(page.items.map((i) => i.event)).toEqual(events);
  });

  it('keeps the resume point with the records', async () => {
    const tip = { seq: 3, hash: events[3].hash, offset: 3 };
    await store.ingest.writeAuditBatch({
      ...batchOf(0, events),
      checkpoint: { tip, nextOffset: 4 },
    });
    expect(await store.ingest.auditCheckpoints()).toEqual(new Map([[0, { tip, nextOffset: 4 }]]));
  });

  it('writes nothing of a batch that fails half-way', async () => {
    const bad = batchOf(0, events);
    // A record whose JSON cannot be written makes the transaction throw mid-batch.
    (bad.records[2] as { timestampMs: unknown }).timestampMs = Symbol('not a number');
    await expect(store.ingest.writeAuditBatch(bad)).rejects.toThrow();
    expect(await store.query.partitionStates()).toEqual([]);
    expect((await store.query.findEvents({}, { limit: 10 })).items).toEqual([]);
  });

  it('filters by subject, decision, reason code, purpose and time, in pages', async () => {
    await store.ingest.writeAuditBatch(batchOf(0, events));
    const seqs = async (filter: object) =>
      (await store.query.findEvents(filter, { limit: 100 })).items.map((i) => i.event.seq);
    expect(await seqs({ subjectId: 's1' })).toEqual([0, 2, 3]);
    expect(await seqs({ decision: 'deny' })).toEqual([1, 2]);
    expect(await seqs({ reasonCode: 'SUBJECT_OPTED_OUT' })).toEqual([2]);
    expect(await seqs({ purpose: 'marketing' })).toEqual([3]);
    expect(
      await seqs({ fromMs: Date.parse('2026-01-02'), toMs: Date.parse('2026-01-04') }),
    ).toEqual([1, 2]);
    const first = await store.query.findEvents({ subjectId: 's1' }, { limit: 2 });
    expect(first.items.map((i) => i.event.seq)).toEqual([0, 2]);
    const second = await store.query.findEvents(
      { subjectId: 's1' },
      { limit: 2, after: first.next! },
    );
    expect(second.items.map((i) => i.event.seq)).toEqual([3]);
    expect(second.next).toBeNull();
  });

  it('keeps an alert once, acknowledged or not, and marks the record it names', async () => {
    await store.ingest.writeAuditBatch({ ...batchOf(0, events), alerts: [alert()] });
    const [open] = await store.query.alerts({ open: true });
    expect(open).toMatchObject({ partition: 0, seq: 3, offset: 3, kind: 'changed' });
    const acked = await store.query.acknowledgeAlert(open.id, 'checked', '2026-02-01T00:00:00Z');
    expect(acked).toMatchObject({
      acknowledgedAt: '2026-02-01T00:00:00Z',
      acknowledgementNote: 'checked',
    });
    await store.ingest.writeAuditBatch({ ...batchOf(0, []), alerts: [alert()] });
    expect(await store.query.alerts({ open: true })).toEqual([]);
    expect(await store.query.alerts({})).toHaveLength(1);
    const page = await store.query.findEvents({ subjectId: 's1' }, { limit: 10 });
    expect(page.items.map((i) => i.alertKinds)).toEqual([[], [], ['changed']]);
    expect(await store.query.acknowledgeAlert(999, null, 'x')).toBeNull();
  });

  it('keeps every version of a recipient, tombstones included', async () => {
    const v1 = recipientRecord({ address: 'Old Road 1' });
    const v2 = recipientRecord({ address: 'New Road 2' });
    await store.ingest.writeRecipientBatch({
      partition: 0,
      nextOffset: 3,
      versions: [
        { recipientId: v1.recipientId, partition: 0, offset: 0, validFromMs: 10, recipient: v1 },
        { recipientId: v1.recipientId, partition: 0, offset: 1, validFromMs: 20, recipient: v2 },
        { recipientId: v1.recipientId, partition: 0, offset: 2, validFromMs: 30, recipient: null },
      ],
    });
    const history = await store.query.recipientHistory([v1.recipientId, 'other']);
    expect(history.map((v) => v.recipient?.address ?? null)).toEqual([
      'Old Road 1',
      'New Road 2',
      null,
    ]);
    expect(await store.ingest.recipientOffsets()).toEqual(new Map([[0, 3]]));
  });
});
