// Contract tests for SubjectNotice, NoticeAck and the notice.sent audit event (DESIGN §7).
import {
  eventIdFor,
  MESSAGE_TYPES,
  noticeAckTopicFor,
  noticeIdFor,
  parseAuditEvent,
  parseNoticeAck,
  parseSubjectNotice,
  type SubjectNotice,
} from '@app/contracts';
import { AUDIT_EVENT_JSON, variant } from './fixtures';

const CHANGE = { topic: 'privacy.subjects', partition: 2, offset: '41' };
const SECRET = 'learner-secret-value';

function notice(): SubjectNotice {
  return {
    noticeId: noticeIdFor(CHANGE, 'acme-books'),
    kind: 'erase',
    recipientId: 'acme-books',
    subjectRef: 'learner-42',
    purposes: ['marketing'],
    categories: ['contact.email', 'identity.name'],
    sharedFrom: '2026-01-03T10:00:00Z',
    sharedUntil: '2026-11-20T10:00:00Z',
    cause: 'subject.erased',
    noticedAt: '2026-11-21T00:00:00Z',
    policy: { id: 'coursera', version: '2', digest: `sha256:${'a'.repeat(64)}` },
  };
}

const errorsOfNotice = (change: (n: Record<string, unknown>) => void): string[] => {
  const value = notice() as unknown as Record<string, unknown>;
  change(value);
  const result = parseSubjectNotice(JSON.stringify(value));
  return result.ok ? [] : result.errors;
};

describe('SubjectNotice', () => {
  it('accepts the example of DESIGN §7', () => {
    expect(parseSubjectNotice(JSON.stringify(notice()))).toEqual({ ok: true, value: notice() });
  });

  it.each(Object.keys(notice()))('%s is required', (property) => {
    expect(errorsOfNotice((n) => delete n[property])).toEqual([`${property}: is required`]);
  });

  it('refuses closed vocabularies, bad ids and timestamps, naming paths but never values', () => {
    const errors = errorsOfNotice((n) => {
      n.kind = SECRET;
      n.cause = 'subject.deleted';
      n.noticeId = 'ev-aaaaaaaaaaaaaaaaaaaaaaaaaa';
      n.sharedFrom = '2026-02-30T00:00:00Z';
      n.purposes = ['marketing', 'marketing'];
      n[SECRET] = 1;
    });
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual(
      ['kind', 'cause', 'noticeId', 'sharedFrom', 'purposes', SECRET].sort(),
    );
    expect(errors.join('\n')).not.toContain('aaaaaaaa');
  });

  it('refuses __proto__ keys and oversized input before validation', () => {
    expect(parseSubjectNotice('{"__proto__":{},"noticeId":"x"}').ok).toBe(false);
    const big = parseSubjectNotice(JSON.stringify(notice()), { maxBytes: 64 });
    expect(big.ok ? 'ok' : big.code).toBe('MESSAGE_TOO_LARGE');
  });
});

describe('NoticeAck', () => {
  const ack = {
    noticeId: noticeIdFor(CHANGE, 'acme-books'),
    status: 'done',
    at: '2026-11-22T00:00:00Z',
  };

  it('accepts done and refused, with or without a note', () => {
    expect(parseNoticeAck(JSON.stringify(ack)).ok).toBe(true);
    expect(
      parseNoticeAck(JSON.stringify({ ...ack, status: 'refused', note: 'legal hold' })).ok,
    ).toBe(true);
  });

  it('refuses other statuses, long notes and extra properties', () => {
    const result = parseNoticeAck(
      JSON.stringify({ ...ack, status: 'maybe', note: 'x'.repeat(1025), extra: SECRET }),
    );
    expect(result.ok ? [] : result.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'extra',
      'note',
      'status',
    ]);
  });
});

describe('notice ids and topics', () => {
  it('a notice id is deterministic per change and recipient, and distinct otherwise', () => {
    const id = noticeIdFor(CHANGE, 'acme-books');
    expect(id).toMatch(/^nt-[a-z2-7]{26}$/);
    expect(noticeIdFor({ ...CHANGE }, 'acme-books')).toBe(id);
    expect(noticeIdFor(CHANGE, 'other')).not.toBe(id);
    expect(noticeIdFor({ ...CHANGE, offset: '42' }, 'acme-books')).not.toBe(id);
    expect(eventIdFor({ noticeId: id })).toMatch(/^ev-/);
    expect(eventIdFor({ noticeId: id })).not.toBe(
      eventIdFor({ noticeId: noticeIdFor(CHANGE, 'x') }),
    );
  });

  it('acks go to the recipient’s own topic; unsafe ids are refused', () => {
    expect(noticeAckTopicFor('privacy.', 'acme-books')).toBe('privacy.notice-acks.acme-books');
    expect(() => noticeAckTopicFor('privacy.', 'a/b')).toThrow(RangeError);
    expect(() => noticeAckTopicFor('privacy.', 'a'.repeat(236))).toThrow(RangeError);
    expect(MESSAGE_TYPES).toEqual({ share: 'share', notice: 'notice' });
  });
});

describe('notice.sent audit events', () => {
  const noticeEvent = (change: (m: Record<string, unknown>) => void = () => undefined) =>
    variant(AUDIT_EVENT_JSON, (m) => {
      Object.assign(m, {
        type: 'notice.sent',
        decision: 'notice',
        requestId: null,
        purpose: null,
        producer: null,
        reasons: [],
        fieldsShared: [],
        fieldsWithheld: [],
        categoriesShared: ['contact.email'],
        transferMechanism: null,
        shareId: null,
        payloadDigest: null,
        notice: {
          noticeId: noticeIdFor(CHANGE, 'acme-books'),
          kind: 'erase',
          cause: 'subject.erased',
          purposes: ['marketing'],
          digest: `sha256:${'b'.repeat(64)}`,
        },
      });
      change(m);
    });

  it('is a valid audit event with decision notice', () => {
    expect(parseAuditEvent(noticeEvent()).ok).toBe(true);
  });

  it('refuses a notice record with a bad id or kind', () => {
    const result = parseAuditEvent(
      noticeEvent((m) => Object.assign(m.notice as object, { noticeId: 'sh-x', kind: 'forget' })),
    );
    expect(result.ok ? [] : result.errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'notice.kind',
      'notice.noticeId',
    ]);
  });
});
