// The auditor's notices over a real broker: notice.sent events read from the audit topic,
// acknowledgements read from every recipient's notice-acks topic (one made after the auditor
// started), a hostile record that stalls nothing, and the outstanding-notices report field by
// field through the API and as CSV, on both stores.
import { noticeAckTopicFor, topicNames } from '@app/contracts';
import { wire } from '../support/auditor/audit-events';
import { produceRecords } from '../support/auditor/audit-topics';
import {
  type RunningAuditor,
  STORES,
  startAuditor,
  waitForRecords,
} from '../support/auditor/auditor-process';
import { ACKS, NOTICES, noticeChain, noticeIdOf } from '../support/auditor/notice-fixtures';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

const DAY_MS = 86_400_000;

interface Outstanding {
  olderThanDays: number;
  asOf: string;
  noticedBefore: string;
  count: number;
  truncated: boolean;
  recipients: Record<string, unknown>[];
  notices: Record<string, unknown>[];
}

describe.each(STORES)('notices and acknowledgements (%s store)', (store) => {
  const kafka = testKafka('auditor-notices');
  const prefix = `${uniqueName('notices')}.`;
  const acks = (recipientId: string) => noticeAckTopicFor(prefix, recipientId);
  const events = noticeChain();
  let auditor: RunningAuditor;

  const produceAcks = async (recipientId: string) => {
    const records = ACKS.filter((a) => a.recipientId === recipientId).map((a) => ({
      partition: 0,
      key: a.key ?? undefined,
      value: a.value,
    }));
    await produceRecords(kafka, acks(recipientId), records);
  };
  const makeTopics = async (topics: string[]) => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1 })) });
      await waitFor(
        () =>
          admin
            .fetchTopicMetadata({ topics })
            .then((m) => m.topics.every((t) => t.partitions.every((p) => p.leader >= 0)))
            .catch(() => false),
        { what: `leaders of ${topics.join(', ')}` },
      );
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    // Not createTopics(waitForLeaders): kafkajs gives up on the "unknown topic" a loaded KRaft
    // broker answers for a moment after creating one; this waits for the leaders instead.
    const { audit, recipients } = topicNames(prefix);
    await makeTopics([audit, recipients, acks('acme-books'), acks('univ-b')]);
    auditor = await startAuditor({
      prefix,
      store,
      env: { AUDITOR_NOTICE_ACK_REFRESH_MS: '1000' },
    });
    await produceRecords(
      kafka,
      topicNames(prefix).audit,
      events.map((e) => ({ partition: 0, key: e.subjectId ?? '', value: wire(e) })),
    );
    // acme-books' topic starts with a record that is not JSON: the records after it still count.
    await produceAcks('acme-books');
    await produceAcks('univ-b');
    await waitForRecords(auditor, [events.length]);
    // A partner onboarded while the auditor runs: its topic is found on the next refresh.
    await makeTopics([acks('research-lab')]);
    await produceAcks('research-lab');
    await waitFor(
      async () =>
        (await auditor.get<{ count: number }>('/api/notice-acks/unaccepted')).count === 4 &&
        (await auditor.get<Outstanding>('/api/reports/outstanding-notices')).count === 4,
      { what: 'every acknowledgement read', timeoutMs: 90_000 },
    );
  });

  afterAll(async () => {
    await auditor?.close('SIGTERM');
  });

  it('reports outstanding notices older than N days per recipient, field by field', async () => {
    const report = await auditor.get<Outstanding>(
      '/api/reports/outstanding-notices?olderThanDays=30',
    );
    const asOf = Date.parse(report.asOf);
    const row = (key: keyof typeof NOTICES, answer: unknown) => {
      const s = NOTICES[key];
      const offset = Object.keys(NOTICES).indexOf(key) + 1;
      return expect.objectContaining({
        recipientId: s.recipientId,
        noticeId: noticeIdOf(s),
        eventId: events[offset].eventId,
        subjectId: s.subjectId,
        kind: s.kind,
        cause: s.cause,
        purposes: s.purposes,
        categories: s.categories,
        noticedAt: s.noticedAt,
        ageDays: Math.floor((asOf - Date.parse(s.noticedAt)) / DAY_MS),
        partition: 0,
        offset,
        seq: offset,
        answer,
      });
    };
    expect(report).toMatchObject({
      olderThanDays: 30,
      noticedBefore: new Date(asOf - 30 * DAY_MS).toISOString(),
      count: 4,
      truncated: false,
      recipients: [
        {
          recipientId: 'acme-books',
          outstanding: 1,
          refused: 0,
          oldestNoticedAt: NOTICES.aOptOut.noticedAt,
        },
        {
          recipientId: 'research-lab',
          outstanding: 1,
          refused: 0,
          oldestNoticedAt: NOTICES.rErase.noticedAt,
        },
        {
          recipientId: 'univ-b',
          outstanding: 2,
          refused: 1,
          oldestNoticedAt: NOTICES.bErase.noticedAt,
        },
      ],
    });
    expect(report.notices).toEqual([
      row('aOptOut', null),
      row('rErase', null),
      row('bErase', expect.objectContaining({ status: 'refused', note: 'legal hold until 2027' })),
      row('bRecent', null),
    ]);
    // Far older than any notice: nothing is outstanding that long.
    const none = await auditor.get<Outstanding>(
      '/api/reports/outstanding-notices?olderThanDays=3650',
    );
    expect([none.count, none.recipients, none.notices]).toEqual([0, [], []]);
  });

  it('gives the same rows as CSV', async () => {
    const res = await auditor.raw('/api/reports/outstanding-notices?olderThanDays=30&format=csv', {
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'recipientId,noticeId,subjectId,kind,cause,purposes,categories,noticedAt,ageDays,answer,answerNote,answeredAt,eventId,partition,seq',
    );
    expect(lines).toHaveLength(5);
    const b = NOTICES.bErase;
    expect(lines[3].split(',').slice(0, 8)).toEqual([
      'univ-b',
      noticeIdOf(b),
      b.subjectId,
      'erase',
      'subject.erased',
      'course_administration',
      'course.performance',
      b.noticedAt,
    ]);
    expect(lines[3]).toContain(',refused,legal hold until 2027,2026-02-01T00:00:00Z,');
  });

  it('tells per subject who was told what and when, and who confirmed', async () => {
    const report = await auditor.get<{ notices: Record<string, unknown>[] }>(
      '/api/subjects/learner-erased/notices',
    );
    expect(
      report.notices.map((n) => [
        n.recipientId,
        (n.answer as { status?: string } | null)?.status ?? null,
      ]),
    ).toEqual([
      ['acme-books', 'done'],
      ['univ-b', 'refused'],
      ['research-lab', null],
    ]);
  });

  it('keeps refused and unmatched acknowledgements with their reasons', async () => {
    const { acks: rows } = await auditor.get<{ acks: Record<string, unknown>[] }>(
      '/api/notice-acks/unaccepted',
    );
    expect(rows.map((a) => [a.recipientId, a.state, a.reason]).sort()).toEqual(
      [
        ['acme-books', 'refused', 'INVALID_ACK'],
        ['research-lab', 'refused', 'KEY_MISMATCH'],
        ['research-lab', 'unmatched', 'UNKNOWN_NOTICE'],
        ['univ-b', 'refused', 'NOT_SENT_TO_RECIPIENT'],
      ].sort(),
    );
  });

  it('refuses a bad olderThanDays and unknown parameters, and needs the token', async () => {
    const bearer = { headers: { authorization: `Bearer ${auditor.token}` } };
    expect(
      (await auditor.raw('/api/reports/outstanding-notices?olderThanDays=-1', bearer)).status,
    ).toBe(400);
    expect((await auditor.raw('/api/reports/outstanding-notices?days=3', bearer)).status).toBe(400);
    expect((await auditor.raw('/api/reports/outstanding-notices')).status).toBe(401);
  });
});
