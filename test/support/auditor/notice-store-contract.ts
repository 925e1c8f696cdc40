// What every store must do with notices and acknowledgements: run against SQLite (unit project,
// apps/auditor/src/notices/sqlite/sqlite-notices.spec.ts) and PostgreSQL
// (test/auditor/postgres-store.int-spec.ts). The outstanding-notices report field by field.
import { noticeAckTopicFor } from '@app/contracts';
import { judgeAckRecord } from '../../../apps/auditor/src/notices/ack-record';
import { NoticesReportService } from '../../../apps/auditor/src/notices/notices-report.service';
import type { AuditStore } from '../../../apps/auditor/src/store/audit-store';
import {
  ACKS,
  type AckSpec,
  NOTICES,
  noticeChain,
  noticeIdOf,
  REPORT_NOW,
} from './notice-fixtures';

const PREFIX = 'privacy.';
const topicOf = (recipientId: string) => noticeAckTopicFor(PREFIX, recipientId);

/** Stores acknowledgement specs as the reader would, each recipient's at offsets 0, 1, … */
async function writeAcks(store: AuditStore, specs: AckSpec[], first = new Map<string, number>()) {
  for (const spec of specs) {
    const offset = first.get(spec.recipientId) ?? 0;
    first.set(spec.recipientId, offset + 1);
    const row = judgeAckRecord({
      topic: topicOf(spec.recipientId),
      partition: 0,
      offset,
      recipientId: spec.recipientId,
      timestampMs: Date.parse('2026-02-02T00:00:00.000Z') + offset * 1000,
      key: spec.key === null ? null : Buffer.from(spec.key),
      value: spec.value === null ? null : Buffer.from(spec.value),
    });
    await store.notices.writeAcks([row], {
      topic: row.topic,
      partition: 0,
      nextOffset: offset + 1,
    });
  }
  return first;
}

/** Registers the notice tests; `open` gives a fresh, empty store for each test. */
export function describeNoticeStoreContract(name: string, open: () => Promise<AuditStore>): void {
  describe(`${name} notices`, () => {
    let store: AuditStore;
    let report: NoticesReportService;
    const events = noticeChain();

    beforeEach(async () => {
      store = await open();
      const { epoch } = await store.ingest.claimAuditPartition(0, 'test');
      await store.ingest.writeAuditBatch({
        partition: 0,
        epoch,
        records: events.map((event, offset) => ({ partition: 0, offset, timestampMs: 1, event })),
        alerts: [],
        checkpoint: { tip: null, nextOffset: events.length },
        tip: null,
        detectedAt: '2026-01-01T00:00:00.000Z',
      });
      report = new NoticesReportService(store.notices);
    });
    afterEach(() => store.close());

    const notice = (key: keyof typeof NOTICES) => {
      const s = NOTICES[key];
      const offset = Object.keys(NOTICES).indexOf(key) + 1;
      return {
        noticeId: noticeIdOf(s),
        eventId: events[offset].eventId,
        subjectId: s.subjectId,
        recipientId: s.recipientId,
        kind: s.kind,
        cause: s.cause,
        purposes: s.purposes,
        categories: s.categories,
        noticedAt: s.noticedAt,
        partition: 0,
        offset,
        seq: offset,
      };
    };

    it('reports outstanding notices older than N days per recipient, field by field', async () => {
      await writeAcks(store, ACKS);
      const bErase = notice('bErase');
      const refusal = {
        topic: topicOf('univ-b'),
        partition: 0,
        offset: 0,
        recipientId: 'univ-b',
        receivedAt: '2026-02-02T00:00:00.000Z',
        noticeId: bErase.noticeId,
        status: 'refused',
        note: 'legal hold until 2027',
        at: '2026-02-01T00:00:00Z',
        state: 'accepted',
        reason: null,
        detail: null,
      };
      const keyedWrongly = {
        topic: topicOf('research-lab'),
        partition: 0,
        offset: 0,
        recipientId: 'research-lab',
        receivedAt: '2026-02-02T00:00:00.000Z',
        noticeId: notice('rErase').noticeId,
        status: 'done',
        note: null,
        at: '2026-02-01T00:00:00Z',
        state: 'refused',
        reason: 'KEY_MISMATCH',
        detail: 'key: must be the noticeId',
      };
      expect(await report.outstanding(30, REPORT_NOW)).toEqual({
        olderThanDays: 30,
        asOf: '2026-04-10T00:00:00.000Z',
        noticedBefore: '2026-03-11T00:00:00.000Z',
        count: 3,
        truncated: false,
        recipients: [
          {
            recipientId: 'acme-books',
            outstanding: 1,
            refused: 0,
            oldestNoticedAt: '2026-03-01T12:00:00.000Z',
          },
          {
            recipientId: 'research-lab',
            outstanding: 1,
            refused: 0,
            oldestNoticedAt: '2026-01-10T08:00:00.000Z',
          },
          {
            recipientId: 'univ-b',
            outstanding: 1,
            refused: 1,
            oldestNoticedAt: '2026-01-10T08:00:00.000Z',
          },
        ],
        notices: [
          // acme's opt-out: univ-b's "done" for it on univ-b's topic does not count.
          { ...notice('aOptOut'), acks: [], answer: null, ageDays: 39 },
          { ...notice('rErase'), acks: [keyedWrongly], answer: null, ageDays: 89 },
          {
            ...bErase,
            acks: [refusal],
            answer: {
              status: 'refused',
              note: 'legal hold until 2027',
              at: '2026-02-01T00:00:00Z',
              receivedAt: '2026-02-02T00:00:00.000Z',
            },
            ageDays: 89,
          },
        ],
      });
      // 0 days: the recent withdrawal is outstanding too; acme's erasure never is (done).
      const all = await report.outstanding(0, REPORT_NOW);
      expect(all.notices.map((n) => n.noticeId).sort()).toEqual(
        [notice('aOptOut'), notice('rErase'), bErase, notice('bRecent')]
          .map((n) => n.noticeId)
          .sort(),
      );
    });

    it('tells per subject who was told what, when, and who confirmed', async () => {
      await writeAcks(store, ACKS);
      const answer = await report.forSubject('learner-erased');
      expect(answer.count).toBe(3);
      expect(
        answer.notices.map((n) => [n.recipientId, n.kind, n.noticedAt, n.answer?.status ?? null]),
      ).toEqual([
        ['acme-books', 'erase', '2026-01-10T08:00:00.000Z', 'done'],
        ['univ-b', 'erase', '2026-01-10T08:00:00.000Z', 'refused'],
        ['research-lab', 'erase', '2026-01-10T08:00:00.000Z', null],
      ]);
      expect((await report.forSubject('learner-never')).notices).toEqual([]);
    });

    it('keeps every refused or unmatched acknowledgement with its reason', async () => {
      await writeAcks(store, ACKS);
      const { acks } = await report.unacceptedAcks();
      expect(acks.map((a) => [a.recipientId, a.offset, a.state, a.reason]).sort()).toEqual(
        [
          ['acme-books', 0, 'refused', 'INVALID_ACK'],
          ['research-lab', 0, 'refused', 'KEY_MISMATCH'],
          ['research-lab', 1, 'unmatched', 'UNKNOWN_NOTICE'],
          ['univ-b', 1, 'refused', 'NOT_SENT_TO_RECIPIENT'],
        ].sort(),
      );
      const invalid = acks.find((a) => a.reason === 'INVALID_ACK');
      expect(invalid).toMatchObject({ noticeId: null, status: null, note: null });
      expect(invalid?.detail).toMatch(/^INVALID_JSON/);
    });

    it('settles a refused notice with a later done, and stores each record once', async () => {
      const next = await writeAcks(store, ACKS);
      const done = {
        recipientId: 'univ-b',
        key: notice('bErase').noticeId,
        value: JSON.stringify({
          noticeId: notice('bErase').noticeId,
          status: 'done',
          at: '2026-03-01T00:00:00Z',
        }),
      };
      await writeAcks(store, [done], next);
      // The same records again (a redelivery): nothing doubles, offsets never move back.
      await writeAcks(store, ACKS);
      const outstanding = await report.outstanding(30, REPORT_NOW);
      expect(outstanding.notices.map((n) => n.recipientId)).toEqual(['acme-books', 'research-lab']);
      const b = (await report.forSubject('learner-erased')).notices[1];
      expect([b.acks.length, b.answer?.status]).toEqual([2, 'done']);
      const offsets = await store.notices.ackOffsets();
      expect(offsets.find((o) => o.topic === topicOf('univ-b'))?.nextOffset).toBe(3);
    });
  });
}
