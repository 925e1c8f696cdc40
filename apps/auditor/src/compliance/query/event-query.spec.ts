import { AccessToken } from '../auth/access-token';
import { html } from '../page/html';
import { decodeCursor, encodeCursor } from './cursor';
import { parseEventQuery } from './event-query';
import { parseShineTheLightQuery } from './report-query';
import { DEFAULT_ACTIVITY_DAYS, parseActivityQuery } from './activity-query';

describe('parseActivityQuery', () => {
  const now = new Date('2026-03-10T15:30:00Z');
  it('shows the last 30 days, today included, when no period is asked for', () => {
    expect(parseActivityQuery({ decision: 'deny' }, now)).toEqual({
      ok: true,
      value: {
        decision: 'deny',
        fromMs: Date.parse('2026-03-11') - DEFAULT_ACTIVITY_DAYS * 86_400_000,
        toMs: Date.parse('2026-03-11'),
      },
    });
  });
  it('keeps a period given, open at one end, and refuses a bad one', () => {
    expect(parseActivityQuery({ from: '2025-01-01' }, now)).toEqual({
      ok: true,
      value: { fromMs: Date.parse('2025-01-01') },
    });
    expect(parseActivityQuery({ to: 'yesterday' }, now)).toMatchObject({ ok: false });
  });
});

describe('parseEventQuery', () => {
  it('reads every filter, the page size and the cursor', () => {
    const cursor = encodeCursor({ decidedMs: 5, partition: 1, offset: 7 });
    expect(
      parseEventQuery({
        subjectId: 's',
        recipientId: 'r',
        decision: 'deny',
        reasonCode: 'SUBJECT_OPTED_OUT',
        purpose: 'marketing',
        category: 'contact.email',
        transferBasis: 'contract',
        from: '2025-01-01',
        to: '2025-02-01T00:00:00Z',
        limit: '10',
        cursor,
      }),
    ).toEqual({
      ok: true,
      value: {
        filter: {
          subjectId: 's',
          recipientId: 'r',
          decision: 'deny',
          reasonCode: 'SUBJECT_OPTED_OUT',
          purpose: 'marketing',
          category: 'contact.email',
          transferBasis: 'contract',
          fromMs: Date.parse('2025-01-01T00:00:00Z'),
          toMs: Date.parse('2025-02-01T00:00:00Z'),
        },
        after: { decidedMs: 5, partition: 1, offset: 7 },
        limit: 10,
      },
    });
  });

  it('lists every bad parameter by name, without its value', () => {
    const parsed = parseEventQuery({
      decision: 'maybe',
      from: 'yesterday',
      limit: '0',
      cursor: 'nope',
      subjectId: ['a', 'b'],
    });
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    expect(errors.map((e) => e.split(':')[0]).sort()).toEqual([
      'cursor',
      'decision',
      'from',
      'limit',
      'subjectId',
    ]);
    expect(errors.join(' ')).not.toContain('yesterday');
  });

  it('requires subject and year for Shine the Light', () => {
    expect(parseShineTheLightQuery({})).toEqual({
      ok: false,
      errors: ['subjectId: is required', 'year: is required'],
    });
  });

  it('refuses a tampered cursor', () => {
    expect(decodeCursor(Buffer.from('[1,-2,3]').toString('base64url'))).toBeNull();
  });
});

describe('AccessToken', () => {
  it('accepts the token only', () => {
    const token = new AccessToken('0123456789abcdef');
    expect(token.matches('0123456789abcdef')).toBe(true);
    expect(token.matches('0123456789abcdeF')).toBe(false);
    expect(token.matches('short')).toBe(false);
    expect(token.matches(undefined)).toBe(false);
  });

  it('accepts nothing when no token is configured', () => {
    expect(new AccessToken(null).matches('')).toBe(false);
    expect(new AccessToken(null).matches('anything')).toBe(false);
  });
});

describe('html', () => {
  it('escapes every interpolated value', () => {
    const name = '<script>alert("x")</script>';
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>',
    );
  });
});
