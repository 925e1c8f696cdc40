// What every audit store must do, whatever the database: run against SQLite (unit project) and
// PostgreSQL (test/auditor/postgres-store.int-spec.ts).
import type { AuditEvent, ChainAlert } from '@app/contracts';
import type { AuditStore } from '../../../apps/auditor/src/store/audit-store';
import type { AuditBatchWrite } from '../../../apps/auditor/src/store/store.types';
import { chainOf, eventBody, recipientRecord } from './audit-events';

const batchOf = (
  epoch: number,
  partition: number,
  events: (AuditEvent | null)[],
  first = 0,
): AuditBatchWrite => ({
  partition,
  epoch,
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

/** Registers the contract's tests; `open` gives a fresh, empty store for each test. */
export function describeStoreContract(name: string, open: () => Promise<AuditStore>): void {
  describe(`${name} store contract`, () => {
    let store: AuditStore;
    let epoch: number;
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

    beforeEach(async () => {
      store = await open();
      ({ epoch } = await store.ingest.claimAuditPartition(0, 'test'));
    });
    afterEach(() => store.close());

    it('stores a batch once: writing it again changes nothing', async () => {
      await store.ingest.writeAuditBatch(batchOf(epoch, 0, [...events, null]));
      await store.ingest.writeAuditBatch(batchOf(epoch, 0, [...events, null]));
      const [state] = await store.query.partitionStates();
      expect(state).toMatchObject({ partition: 0, records: 5, events: 4, nextOffset: 5 });
      const page = await store.query.findEvents({}, { limit: 100 });
      expect(page.items.map((i) => i.event)).toEqual(events);
    });

    it('keeps the resume point with the records, and gives it to the next claim', async () => {
      const tip = { seq: 3, hash: events[3].hash, offset: 3 };
      await store.ingest.writeAuditBatch({
        ...batchOf(epoch, 0, events),
        checkpoint: { tip, nextOffset: 4 },
      });
      expect(await store.ingest.auditCheckpoints()).toEqual(new Map([[0, { tip, nextOffset: 4 }]]));
      const claim = await store.ingest.claimAuditPartition(0, 'next');
      expect(claim.checkpoint).toEqual({ tip, nextOffset: 4 });
    });

    it('writes nothing of a batch that fails half-way', async () => {
      const bad = batchOf(epoch, 0, events);
      // A record whose JSON cannot be written makes the transaction throw mid-batch.
      (bad.records[2] as { timestampMs: unknown }).timestampMs = Symbol('not a number');
      await expect(store.ingest.writeAuditBatch(bad)).rejects.toThrow();
      const states = await store.query.partitionStates();
      expect(states.map((s) => [s.records, s.nextOffset])).toEqual([[0, 0]]);
      expect((await store.query.findEvents({}, { limit: 10 })).items).toEqual([]);
    });

    it('filters by subject, decision, reason code, purpose, category, basis and time, in pages', async () => {
      await store.ingest.writeAuditBatch(batchOf(epoch, 0, events));
      const seqs = async (filter: object) =>
        (await store.query.findEvents(filter, { limit: 100 })).items.map((i) => i.event.seq);
      expect(await seqs({ subjectId: 's1' })).toEqual([0, 2, 3]);
      expect(await seqs({ decision: 'deny' })).toEqual([1, 2]);
      expect(await seqs({ reasonCode: 'SUBJECT_OPTED_OUT' })).toEqual([2]);
      expect(await seqs({ purpose: 'marketing' })).toEqual([3]);
      expect(await seqs({ category: 'identity.name' })).toEqual([0, 3]);
      expect(await seqs({ category: 'contact.email' })).toEqual([]);
      expect(await seqs({ transferBasis: 'not_required', purpose: 'marketing' })).toEqual([3]);
      expect(await seqs({ transferBasis: 'contract' })).toEqual([]);
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
      await store.ingest.writeAuditBatch({ ...batchOf(epoch, 0, events), alerts: [alert()] });
      const [open] = await store.query.alerts({ open: true });
      expect(open).toMatchObject({ partition: 0, seq: 3, offset: 3, kind: 'changed' });
      const at = '2026-02-01T00:00:00.000Z';
      const acked = await store.query.acknowledgeAlert(open.id, 'checked', at);
      expect(acked).toMatchObject({ acknowledgedAt: at, acknowledgementNote: 'checked' });
      await store.ingest.writeAuditBatch({ ...batchOf(epoch, 0, []), alerts: [alert()] });
      expect(await store.query.alerts({ open: true })).toEqual([]);
      expect(await store.query.alerts({})).toHaveLength(1);
      const page = await store.query.findEvents({ subjectId: 's1' }, { limit: 10 });
      expect(page.items.map((i) => i.alertKinds)).toEqual([[], [], ['changed']]);
      expect(await store.query.acknowledgeAlert(999, null, at)).toBeNull();
    });

    it('counts decisions per recipient and purpose in a period', async () => {
      await store.ingest.writeAuditBatch(batchOf(epoch, 0, events));
      const counts = await store.query.countDecisions({ toMs: Date.parse('2026-01-04') });
      expect(counts.reduce((n, c) => n + c.count, 0)).toBe(3);
      expect(counts.filter((c) => c.decision === 'deny').map((c) => c.count)).toEqual([2]);
    });

    it('keeps every version of a recipient, tombstones included', async () => {
      const v1 = recipientRecord({ address: 'Old Road 1' });
      const v2 = recipientRecord({ address: 'New Road 2' });
      const id = v1.recipientId;
      await store.ingest.writeRecipientBatch({
        partition: 0,
        nextOffset: 3,
        versions: [
          { recipientId: id, partition: 0, offset: 0, validFromMs: 10, recipient: v1 },
          { recipientId: id, partition: 0, offset: 1, validFromMs: 20, recipient: v2 },
          { recipientId: id, partition: 0, offset: 2, validFromMs: 30, recipient: null },
        ],
      });
      const history = await store.query.recipientHistory([id, 'other']);
      expect(history.map((v) => v.recipient?.address ?? null)).toEqual([
        'Old Road 1',
        'New Road 2',
        null,
      ]);
      expect(await store.ingest.recipientOffsets()).toEqual(new Map([[0, 3]]));
      // A stale reader's older offset never moves the stored one back.
      await store.ingest.writeRecipientBatch({ partition: 0, nextOffset: 1, versions: [] });
      expect(await store.ingest.recipientOffsets()).toEqual(new Map([[0, 3]]));
    });
  });
}
