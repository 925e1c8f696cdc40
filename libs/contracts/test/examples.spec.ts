import {
  parseAuditEvent,
  parseRecipient,
  parseShare,
  parseShareRequest,
  parseSubjectProfile,
  type ParseResult,
} from '@app/contracts';
import {
  AUDIT_EVENT_JSON,
  example,
  RECIPIENT_JSON,
  SHARE_JSON,
  SHARE_REQUEST_JSON,
  SUBJECT_JSON,
} from './fixtures';

type Parser = (input: Buffer | string) => ParseResult<unknown>;

const EXAMPLES: [string, Parser, string][] = [
  ['ShareRequest', parseShareRequest, SHARE_REQUEST_JSON],
  ['Recipient', parseRecipient, RECIPIENT_JSON],
  ['SubjectProfile', parseSubjectProfile, SUBJECT_JSON],
  ['Share', parseShare, SHARE_JSON],
  ['AuditEvent', parseAuditEvent, AUDIT_EVENT_JSON],
];

describe('the examples of DESIGN §3', () => {
  it.each(EXAMPLES)('%s parses from a string and from UTF-8 bytes', (_name, parse, json) => {
    for (const input of [json, Buffer.from(json, 'utf8')]) {
      const result = parse(input);
      expect(result).toEqual({ ok: true, value: example(json) });
    }
  });

  it.each(EXAMPLES)(
    '%s comes back as a plain object that stringifies to the same JSON',
    (_name, parse, json) => {
      const result = parse(json);
      if (!result.ok) throw new Error(result.errors.join('\n'));
      expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
      expect(JSON.parse(JSON.stringify(result.value))).toEqual(example(json));
    },
  );

  it.each(EXAMPLES)(
    '%s is refused by every other parser (schemas do not overlap)',
    (name, _parse, json) => {
      for (const [other, parse] of EXAMPLES) {
        if (other === name) continue;
        const result = parse(json);
        expect(result.ok).toBe(false);
      }
    },
  );
});
