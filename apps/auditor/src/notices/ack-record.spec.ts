// One acknowledgement record judged on its own: never throws, never keeps a refused value.
import { judgeAckRecord, recipientOfAckTopic } from './ack-record';

const NOTICE = `nt-${'b'.repeat(26)}`;
const SECRET = 'learner-secret-value';
const record = (key: string | Buffer | null, value: string | Buffer | null) => ({
  topic: 'privacy.notice-acks.acme',
  partition: 0,
  offset: 4,
  recipientId: 'acme',
  timestampMs: 1_767_225_600_000,
  key: typeof key === 'string' ? Buffer.from(key) : key,
  value: typeof value === 'string' ? Buffer.from(value) : value,
});
const ack = (more: object = {}) =>
  JSON.stringify({ noticeId: NOTICE, status: 'done', at: '2026-12-01T00:00:00Z', ...more });

describe('judgeAckRecord', () => {
  it('keeps a well-formed acknowledgement keyed by its noticeId', () => {
    expect(judgeAckRecord(record(NOTICE, ack({ note: 'deleted' })))).toEqual({
      topic: 'privacy.notice-acks.acme',
      partition: 0,
      offset: 4,
      recipientId: 'acme',
      timestampMs: 1_767_225_600_000,
      noticeId: NOTICE,
      status: 'done',
      note: 'deleted',
      at: '2026-12-01T00:00:00Z',
      fault: null,
      detail: null,
    });
  });

  it.each([
    ['no key', null],
    ['another id', `nt-${'c'.repeat(26)}`],
    ['a huge key', Buffer.alloc(1 << 20, 0x61)],
  ])('refuses %s as KEY_MISMATCH, keeping what it acknowledges', (_what, key) => {
    expect(judgeAckRecord(record(key, ack()))).toMatchObject({
      noticeId: NOTICE,
      fault: 'KEY_MISMATCH',
    });
  });

  it.each([
    ['a tombstone', null, 'value: is required'],
    ['not JSON', `{"note":"${SECRET}`, 'INVALID_JSON'],
    ['another status', ack({ status: SECRET }), 'status'],
    ['an extra property', ack({ extra: SECRET }), 'extra: unknown property'],
    ['a NUL in the note', ack({ note: 'a\u0000b' }), 'note: must not contain NUL'],
  ])('refuses %s as INVALID_ACK, keeping no value of it', (_what, value, detail) => {
    const row = judgeAckRecord(record(NOTICE, value));
    expect(row).toMatchObject({ fault: 'INVALID_ACK', noticeId: null, status: null, note: null });
    expect(row.detail).toContain(detail);
    expect(row.detail).not.toContain(SECRET.slice(0, 10));
  });
});

describe('recipientOfAckTopic', () => {
  it('names the recipient of its own acknowledgements topics only', () => {
    expect(recipientOfAckTopic('privacy.', 'privacy.notice-acks.acme.eu')).toBe('acme.eu');
    expect(recipientOfAckTopic('privacy.', 'privacy.shares.acme')).toBeNull();
    expect(recipientOfAckTopic('privacy.', 'other.notice-acks.acme')).toBeNull();
    expect(recipientOfAckTopic('privacy.', 'privacy.notice-acks.')).toBeNull();
  });
});
