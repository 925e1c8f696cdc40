import { createHash } from 'node:crypto';
import { base32 } from 'rfc4648';
import { eventIdFor, isDerivedId, shareIdFor } from '@app/contracts';
import { EVENT_ID, SHARE_ID } from './fixtures';

/** The documented encoding, recomputed independently. */
function expected(prefix: string, parts: unknown[]): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest();
  return `${prefix}-${base32.stringify(digest.subarray(0, 16), { pad: false }).toLowerCase()}`;
}

describe('shareIdFor', () => {
  it('is sh- + base32 of the first 16 bytes of sha256 over a tagged JSON array', () => {
    expect(shareIdFor('req-7f3a', 'univ-stanford')).toBe(
      expected('sh', ['onward:share', 'req-7f3a', 'univ-stanford']),
    );
    expect(shareIdFor('req-7f3a', 'univ-stanford')).toBe(SHARE_ID);
    expect(isDerivedId(SHARE_ID, 'sh')).toBe(true);
  });

  it('is deterministic and differs with either input', () => {
    expect(shareIdFor('r', 'a')).toBe(shareIdFor('r', 'a'));
    expect(shareIdFor('r', 'a')).not.toBe(shareIdFor('r', 'b'));
    expect(shareIdFor('r', 'a')).not.toBe(shareIdFor('s', 'a'));
  });

  it('cannot be confused by moving a separator between the inputs', () => {
    expect(shareIdFor('a:b', 'c')).not.toBe(shareIdFor('a', 'b:c'));
    expect(shareIdFor('a","b', 'c')).not.toBe(shareIdFor('a', 'b","c'));
  });
});

describe('eventIdFor', () => {
  const request = { requestId: 'req-7f3a', recipientId: 'univ-stanford' };
  const record = { topic: 'privacy.share-requests', partition: 3, offset: '1207' };

  it('derives from requestId + recipientId for a readable request', () => {
    expect(eventIdFor(request)).toBe(
      expected('ev', ['onward:request', 'req-7f3a', 'univ-stanford']),
    );
    expect(eventIdFor(request)).toBe(EVENT_ID);
  });

  it('is the same for a redelivery or a republication of the same request', () => {
    expect(eventIdFor({ ...request })).toBe(eventIdFor(request));
  });

  it('never equals the shareId of the same request', () => {
    expect(eventIdFor(request).slice(3)).not.toBe(shareIdFor('req-7f3a', 'univ-stanford').slice(3));
  });

  it('derives from topic, partition and offset for an unreadable record', () => {
    expect(eventIdFor(record)).toBe(
      expected('ev', ['onward:record', 'privacy.share-requests', 3, '1207']),
    );
    expect(isDerivedId(eventIdFor(record), 'ev')).toBe(true);
  });

  it('accepts the offset as string, number or bigint alike', () => {
    expect(eventIdFor({ ...record, offset: 1207 })).toBe(eventIdFor(record));
    expect(eventIdFor({ ...record, offset: BigInt(1207) })).toBe(eventIdFor(record));
  });

  it('differs for another offset, partition or topic', () => {
    const ids = new Set([
      eventIdFor(record),
      eventIdFor({ ...record, offset: '1208' }),
      eventIdFor({ ...record, partition: 4 }),
      eventIdFor({ ...record, topic: 't1.share-requests' }),
    ]);
    expect(ids.size).toBe(4);
  });

  it.each([
    { offset: '-1' },
    { offset: '1.5' },
    { offset: '' },
    { offset: '012' },
    { partition: -1 },
    { partition: 0.5 },
  ])('refuses %p', (bad) => {
    expect(() => eventIdFor({ ...record, ...bad })).toThrow(RangeError);
  });
});
