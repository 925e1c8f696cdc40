import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noticeIdFor, parseSubjectNotice, shareIdFor, type Share } from '@app/contracts';
import pino from 'pino';
import { PartnerEnv } from '../src/config/partner-env';
import { NoticeService } from '../src/notices/notice.service';
import type { NoticeAck, NoticeParser, SubjectNotice } from '../src/notices/subject-notice';
import type { InboxRecord } from '../src/shares/inbox-record';
import { ShareInboxService } from '../src/shares/share-inbox.service';
import { ShareStore } from '../src/store/share-store';

const ME = 'acme';
const NOW = new Date('2026-03-01T10:00:01Z');

function share(requestId: string, subjectRef: string, purpose = 'marketing'): Share {
  return {
    shareId: shareIdFor(requestId, ME),
    requestId,
    recipientId: ME,
    purpose,
    subjectRef,
    data: { name: 'Ada', email: 'ada@example.org' },
    policy: {
      id: 'coursera-privacy',
      version: '2015-11-04',
      digest: 'sha256:823412d1eacb67956220e532959f0104603057c88704863ca38e7cd188fda812',
    },
    sharedAt: '2026-03-01T10:00:00.120Z',
  };
}

function notice(noticeId: string, overrides: Partial<SubjectNotice> = {}): SubjectNotice {
  return {
    noticeId,
    kind: 'erase',
    recipientId: ME,
    subjectRef: 'learner-1',
    purposes: ['marketing'],
    categories: ['identity.name'],
    sharedFrom: '2026-03-01T10:00:00Z',
    sharedUntil: '2026-03-01T10:00:00Z',
    cause: 'subject.erased',
    noticedAt: '2026-03-02T00:00:00Z',
    policy: share('x', 'y').policy,
    ...overrides,
  };
}

/** A valid notice id per number (the contract's format: nt- and 26 base32 characters). */
const nt = (n: number): string =>
  noticeIdFor({ topic: 'privacy.subjects', partition: 0, offset: String(n) }, ME);

let offset = 0;
function record(value: unknown, key: string | null, messageType?: string): InboxRecord {
  const bytes =
    value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  return { partition: 0, offset: String(offset++), key, messageType, value: bytes };
}

function setup(parser: NoticeParser = (value) => parseSubjectNotice(value)) {
  const dir = mkdtempSync(join(tmpdir(), 'onward-partner-'));
  const file = join(dir, 'private', 'shares.sqlite');
  const store = new ShareStore(file);
  const env = Object.assign(new PartnerEnv(), {
    KAFKA_BROKERS: '127.0.0.1:9092',
    PARTNER_RECIPIENT_ID: ME,
  });
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
  const inbox = new ShareInboxService(env, logger, store, new NoticeService(store, parser));
  const acks: NoticeAck[] = [];
  const sink = { send: async (ack: NoticeAck) => void acks.push(ack) };
  const cleanup = () => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { store, inbox, acks, sink, lines, file, cleanup };
}

describe('ShareInboxService', () => {
  it('stores valid shares in a private file, once per shareId', async () => {
    const t = setup();
    try {
      const s = share('req-1', 'learner-1');
      expect(await t.inbox.receive(record(s, 'learner-1', 'share'), t.sink, NOW)).toEqual({
        kind: 'stored',
        shareId: s.shareId,
      });
      // A v1 share has no message-type header; a redelivery replaces the same row.
      await t.inbox.receive(record(s, 'learner-1'), t.sink, NOW);
      expect(t.store.shareIdsOf('learner-1')).toEqual([s.shareId]);
      expect(statSync(t.file).mode & 0o777).toBe(0o600);
      expect(statSync(join(t.file, '..')).mode & 0o777).toBe(0o700);
    } finally {
      t.cleanup();
    }
  });

  it('skips what is not a valid share of its own, logging codes, never values', async () => {
    const t = setup();
    try {
      const other = { ...share('req-2', 'learner-1'), recipientId: 'acme.eu' };
      const cases: [InboxRecord, string][] = [
        [record('{"name":"SECRET-VALUE"}', 'learner-1', 'share'), 'INVALID_MESSAGE'],
        [record('SECRET-VALUE not json', 'learner-1'), 'INVALID_JSON'],
        [record(other, 'learner-1', 'share'), 'WRONG_RECIPIENT'],
        [record(share('req-3', 'learner-1'), 'learner-9', 'share'), 'KEY_MISMATCH'],
        [record(share('req-4', 'learner-1'), 'learner-1', 'gossip'), 'UNKNOWN_MESSAGE_TYPE'],
        [record(null, 'learner-1', 'share'), 'EMPTY_RECORD'],
        [record('x'.repeat(2 * 1024 * 1024), 'learner-1'), 'MESSAGE_TOO_LARGE'],
      ];
      for (const [input, reason] of cases) {
        expect(await t.inbox.receive(input, t.sink, NOW)).toEqual({ kind: 'skipped', reason });
      }
      expect(t.store.shareIdsOf('learner-1')).toEqual([]);
      const logged = t.lines.join('\n');
      expect(logged).toContain('record skipped');
      expect(logged).not.toContain('SECRET-VALUE');
    } finally {
      t.cleanup();
    }
  });

  it('erases a subject on an erase notice and acknowledges it once applied', async () => {
    const t = setup();
    try {
      await t.inbox.receive(record(share('req-1', 'learner-1'), 'learner-1'), t.sink, NOW);
      await t.inbox.receive(record(share('req-2', 'learner-2'), 'learner-2'), t.sink, NOW);
      const erase = record(notice(nt(1)), 'learner-1', 'notice');
      expect(await t.inbox.receive(erase, t.sink, NOW)).toEqual({
        kind: 'notice',
        noticeId: nt(1),
        deleted: 1,
      });
      expect(t.store.shareIdsOf('learner-1')).toEqual([]);
      expect(t.store.shareIdsOf('learner-2')).toHaveLength(1);
      // Redelivered: acknowledged again, nothing applied twice.
      await t.inbox.receive(erase, t.sink, NOW);
      expect(t.acks.map((a) => [a.noticeId, a.status, a.note])).toEqual([
        [nt(1), 'done', 'deleted 1 stored share(s) of this subject (all purposes)'],
        [nt(1), 'done', 'applied before'],
      ]);
    } finally {
      t.cleanup();
    }
  });

  it('deletes only the listed purposes on stop_purpose', async () => {
    const t = setup();
    try {
      const keep = share('req-1', 'learner-1', 'research');
      await t.inbox.receive(record(keep, 'learner-1'), t.sink, NOW);
      await t.inbox.receive(record(share('req-2', 'learner-1'), 'learner-1'), t.sink, NOW);
      const stop = notice(nt(2), { kind: 'stop_purpose', cause: 'subject.opted_out' });
      const out = await t.inbox.receive(record(stop, 'learner-1', 'notice'), t.sink, NOW);
      expect(out).toEqual({ kind: 'notice', noticeId: nt(2), deleted: 1 });
      expect(t.store.shareIdsOf('learner-1')).toEqual([keep.shareId]);
    } finally {
      t.cleanup();
    }
  });

  it('skips notices for another recipient, and and notices the contract refuses', async () => {
    const t = setup();
    try {
      const foreign = record(notice(nt(3), { recipientId: 'acme.eu' }), 'learner-1', 'notice');
      expect(await t.inbox.receive(foreign, t.sink, NOW)).toEqual({
        kind: 'skipped',
        reason: 'WRONG_RECIPIENT',
      });
      const bad = record(notice(nt(4), { kind: 'forget' as 'erase' }), 'learner-1', 'notice');
      expect(await t.inbox.receive(bad, t.sink, NOW)).toEqual({
        kind: 'skipped',
        reason: 'INVALID_MESSAGE',
      });
      expect(t.acks).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it('goes on after a bug on one record, but lets a retriable failure be retried', async () => {
    const t = setup(() => {
      throw new TypeError('bug in a validator');
    });
    try {
      const out = await t.inbox.receive(record(notice(nt(5)), 'learner-1', 'notice'), t.sink, NOW);
      expect(out).toEqual({ kind: 'skipped', reason: 'PROCESSING_FAILED' });
      const failing = {
        send: async () => Promise.reject(Object.assign(new Error('down'), { retriable: true })),
      };
      const retried = setup();
      try {
        const erase = record(notice(nt(6)), 'learner-1', 'notice');
        await expect(retried.inbox.receive(erase, failing, NOW)).rejects.toThrow('down');
      } finally {
        retried.cleanup();
      }
    } finally {
      t.cleanup();
    }
  });
});
