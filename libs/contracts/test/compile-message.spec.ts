// compileMessage: any TypeBox schema becomes the contract's parse/validate pair, with the
// structural safety checks first and error lines that name paths and never echo values.
import { Type } from '@sinclair/typebox';
import { compileMessage } from '../src/messages/compile-message';

const NOTICE = Type.Object(
  {
    noticeId: Type.String({ minLength: 1, maxLength: 8 }),
    kind: Type.Union([Type.Literal('a'), Type.Literal('b')]),
    sentAt: Type.String({ format: 'date-time' }),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);
const notice = compileMessage(NOTICE, {
  refine: (v) => v.noticeId !== 'refused',
});
const valid = { noticeId: 'n1', kind: 'a', sentAt: '2026-03-01T10:00:00Z' };
const errorsOf = (r: { ok: boolean; errors?: string[] }): string[] => r.errors ?? [];

describe('compileMessage', () => {
  it('accepts a valid message as the same plain object', () => {
    const result = notice.validate(valid);
    expect(result).toEqual({ ok: true, value: valid });
  });

  it('parses bytes, refusing duplicate keys and __proto__ before the schema', () => {
    expect(notice.parse(Buffer.from(JSON.stringify(valid))).ok).toBe(true);
    const dup = notice.parse('{"noticeId":"n1","noticeId":"n2","kind":"a","sentAt":"x"}');
    expect(dup.ok ? null : dup.code).toBe('INVALID_MESSAGE');
    const proto = notice.parse('{"__proto__":{},"noticeId":"n1","kind":"a"}');
    expect(proto.ok).toBe(false);
    expect(notice.parse('{not json').ok ? null : 'INVALID_JSON').toBe('INVALID_JSON');
  });

  it('names each bad path without echoing the value', () => {
    const secret = 'SECRET-VALUE-123';
    const result = notice.validate({ ...valid, noticeId: secret, extra: secret, tags: [''] });
    const errors = errorsOf(result);
    expect(errors).toEqual(
      expect.arrayContaining([
        'noticeId: must have at most 8 characters',
        'extra: unknown property',
        'tags[0]: must have at least 1 characters',
      ]),
    );
    expect(errors.join('\n')).not.toContain(secret);
  });

  it('reports a missing property and a refused refinement', () => {
    expect(errorsOf(notice.validate({ kind: 'a', sentAt: valid.sentAt }))).toEqual([
      'noticeId: is required',
    ]);
    expect(errorsOf(notice.validate({ ...valid, noticeId: 'refused' }))).toEqual([
      '(root): breaks a rule of the contract',
    ]);
  });

  it('keeps a refused message refused when an explanation finds no line', () => {
    const silent = compileMessage(NOTICE, { explain: () => [] });
    expect(errorsOf(silent.validate({ ...valid, noticeId: '' }))).toEqual([
      'noticeId: must have at least 1 characters',
    ]);
  });

  it('caps the error lines at maxErrors', () => {
    const tags = Array.from({ length: 20 }, () => '');
    expect(errorsOf(notice.validate({ ...valid, tags }, { maxErrors: 3 }))).toHaveLength(3);
  });
});
