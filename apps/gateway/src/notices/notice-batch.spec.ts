// A batch of subject changes → notices: previous profiles within a batch, redelivery, and
// records below the committed offset that only move the baseline on.
import { ChainVerifier, MESSAGE_TYPE_HEADER, topicNames, type AuditEvent } from '@app/contracts';
import { readPolicy } from '@app/runtime';
import { subject } from '../../../../test/support/fixtures';
import { planBatch, type ChangeRecord } from './notice-batch';
import { chainNotices } from './notice-output';
import type { PastShare } from './past-share';
import { PAST_SHARES_PER_SUBJECT_MAX, recordShare } from './past-share';
import { PartitionLocks } from './partition-locks';

const policy = readPolicy();
const NOW = new Date('2026-11-21T00:00:00Z');
const REF = { topic: 'privacy.subjects', partition: 1 };
const marketing: PastShare = {
  recipientId: 'biz-1',
  subjectRef: 's-1',
  purpose: 'marketing',
  categories: ['contact.email'],
  firstAt: '2026-01-01T00:00:00.000Z',
  lastAt: '2026-02-01T00:00:00.000Z',
};
const state = {
  baseline: (id: string) => (id === 's-1' ? subject('s-1') : null),
  pastShares: (id: string) => (id === 's-1' ? [marketing] : []),
};
const record = (offset: bigint, optOuts: string[]): ChangeRecord => ({
  key: 's-1',
  offset,
  value: subject('s-1', { optOuts }),
});

describe('planBatch', () => {
  const toggles = [record(10n, ['marketing']), record(11n, []), record(12n, ['marketing'])];

  it('compares each record with the one before it in the batch', () => {
    const planned = planBatch(REF, toggles, 0n, state, policy, NOW);
    expect(planned.map((p) => p.notice.cause)).toEqual(['subject.opted_out', 'subject.opted_out']);
    expect(new Set(planned.map((p) => p.notice.noticeId)).size).toBe(2);
  });

  it('a redelivered batch gives the same notices; committed records give none', () => {
    const first = planBatch(REF, toggles, 0n, state, policy, NOW).map((p) => p.notice.noticeId);
    expect(planBatch(REF, toggles, 0n, state, policy, NOW).map((p) => p.notice.noticeId)).toEqual(
      first,
    );
    const rest = planBatch(REF, toggles, 11n, state, policy, NOW);
    expect(rest.map((p) => p.notice.noticeId)).toEqual([first[1]]);
  });
});

describe('chainNotices', () => {
  it('writes each notice keyed by its subjectRef with one chained notice.sent event', () => {
    const planned = planBatch(REF, [record(5n, ['marketing'])], 0n, state, policy, NOW);
    const topics = topicNames('p.');
    const out = chainNotices(topics, 'p.', 1, null, planned);
    const audit = out.topicMessages.find((t) => t.topic === topics.audit)?.messages ?? [];
    const shares = out.topicMessages.find((t) => t.topic === 'p.shares.biz-1')?.messages ?? [];
    expect(shares.map((m) => [m.key, m.headers?.[MESSAGE_TYPE_HEADER]])).toEqual([
      ['s-1', 'notice'],
    ]);
    const verifier = new ChainVerifier(1);
    const alerts = audit.flatMap((m, i) => verifier.accept(String(m.value), String(i)).alerts);
    expect(alerts).toEqual([]);
    const event = JSON.parse(String(audit[0].value)) as AuditEvent;
    expect(event).toMatchObject({ type: 'notice.sent', decision: 'notice', subjectId: 's-1' });
    expect(event.notice?.noticeId).toBe(planned[0].notice.noticeId);
    expect(out.tip?.seq).toBe(0);
  });
});

describe('recordShare', () => {
  const event = (recipientId: string, decidedAt: string, categories: string[]) =>
    ({ recipientId, purpose: 'marketing', decidedAt, categoriesShared: categories }) as AuditEvent;

  it('merges categories and widens the date range of a known row', () => {
    const one = recordShare([], event('biz-1', '2026-03-01T00:00:00Z', ['a.b']), 's').rows;
    const two = recordShare(one, event('biz-1', '2026-01-01T00:00:00Z', ['a.c']), 's').rows;
    expect(two).toEqual([
      {
        recipientId: 'biz-1',
        subjectRef: 's',
        purpose: 'marketing',
        categories: ['a.b', 'a.c'],
        firstAt: '2026-01-01T00:00:00Z',
        lastAt: '2026-03-01T00:00:00Z',
      },
    ]);
  });

  it('is bounded per subject: the least recently shared row is evicted', () => {
    let rows: PastShare[] = [];
    for (let i = 0; i < PAST_SHARES_PER_SUBJECT_MAX; i++) {
      const at = new Date(Date.UTC(2026, 0, 1, 0, 0, i + 1)).toISOString();
      rows = recordShare(rows, event(`r-${i}`, at, ['a.b']), 's').rows;
    }
    const added = recordShare(rows, event('late', '2026-06-01T00:00:00Z', ['a.b']), 's');
    expect(added.rows).toHaveLength(PAST_SHARES_PER_SUBJECT_MAX);
    expect(added.evicted?.recipientId).toBe('r-0');
  });
});

describe('PartitionLocks', () => {
  it('runs work of one partition one at a time, other partitions meanwhile', async () => {
    const locks = new PartitionLocks();
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const a = locks.run(0, async () => {
      log.push('a-start');
      await gate;
      log.push('a-end');
    });
    const b = locks.run(0, async () => log.push('b'));
    await locks.run(1, async () => log.push('other'));
    release();
    await Promise.all([a, b]);
    expect(log).toEqual(['a-start', 'other', 'a-end', 'b']);
  });
});
