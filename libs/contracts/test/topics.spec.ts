import {
  DEFAULT_TOPIC_PREFIX,
  DLQ_HEADERS,
  isTopicSafeRecipientId,
  MAX_TOPIC_NAME_LENGTH,
  SHARE_HEADERS,
  shareTopicFor,
  topicNames,
} from '@app/contracts';

describe('topic names', () => {
  it('derive from the default prefix privacy.', () => {
    expect(DEFAULT_TOPIC_PREFIX).toBe('privacy.');
    expect(topicNames()).toEqual({
      shareRequests: 'privacy.share-requests',
      recipients: 'privacy.recipients',
      subjects: 'privacy.subjects',
      audit: 'privacy.audit',
      dlq: 'privacy.share-requests.dlq',
      checkpoints: 'privacy.checkpoints',
    });
  });

  it('derive from a configured prefix (e.g. a unique one per test)', () => {
    expect(topicNames('t-42.').dlq).toBe('t-42.share-requests.dlq');
    expect(topicNames('').audit).toBe('audit');
  });

  it.each(['privacy/', 'pri vacy.', 'privé.'])('refuse the prefix %p', (prefix) => {
    expect(() => topicNames(prefix)).toThrow(RangeError);
  });

  it('put each recipient on its own topic', () => {
    expect(shareTopicFor('privacy.', 'univ-stanford')).toBe('privacy.shares.univ-stanford');
    expect(shareTopicFor('t1.', 'a_b.c')).toBe('t1.shares.a_b.c');
  });
});

describe('isTopicSafeRecipientId and shareTopicFor', () => {
  it.each(['univ-stanford', 'A.b_c-9', 'x'])('accept %p', (id) => {
    expect(isTopicSafeRecipientId(id)).toBe(true);
  });

  it.each(['', 'univ stanford', 'univ/stanford', 'univ:stanford', 'ünï', 'a*'])(
    'refuse %p',
    (id) => {
      expect(isTopicSafeRecipientId(id)).toBe(false);
      expect(() => shareTopicFor('privacy.', id)).toThrow(RangeError);
    },
  );

  it('require the whole topic name to fit in 249 characters', () => {
    const room = MAX_TOPIC_NAME_LENGTH - 'privacy.shares.'.length;
    expect(isTopicSafeRecipientId('x'.repeat(room))).toBe(true);
    expect(shareTopicFor('privacy.', 'x'.repeat(room))).toHaveLength(249);
    expect(isTopicSafeRecipientId('x'.repeat(room + 1))).toBe(false);
    expect(isTopicSafeRecipientId('x'.repeat(room), 'longer-prefix.')).toBe(false);
  });
});

describe('header names', () => {
  it('are the ones of DESIGN §2–§3', () => {
    expect(DLQ_HEADERS).toEqual({
      error: 'onward.error',
      sourcePartition: 'onward.source.partition',
      sourceOffset: 'onward.source.offset',
    });
    expect(SHARE_HEADERS).toEqual({
      shareId: 'onward.share-id',
      policyVersion: 'onward.policy-version',
      traceparent: 'traceparent',
    });
    expect(Object.isFrozen(DLQ_HEADERS) && Object.isFrozen(SHARE_HEADERS)).toBe(true);
  });
});
