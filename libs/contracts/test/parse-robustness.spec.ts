// Property tests: the parsers are total. Whatever bytes or JSON arrive, they return a result,
// never throw, and a success is always a plain JSON object that round-trips.
import fc from 'fast-check';
import {
  parseAuditEvent,
  parseRecipient,
  parseShare,
  parseShareRequest,
  parseSubjectProfile,
  type ParseResult,
  validateShareRequest,
} from '@app/contracts';
import { example, SHARE_REQUEST_JSON } from './fixtures';

const PARSERS: ((input: Buffer | string) => ParseResult<unknown>)[] = [
  parseShareRequest,
  parseRecipient,
  parseSubjectProfile,
  parseShare,
  parseAuditEvent,
];

function wellFormed(result: ParseResult<unknown>): void {
  if (result.ok) {
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(result.value);
    return;
  }
  expect(['INVALID_JSON', 'MESSAGE_TOO_LARGE', 'INVALID_MESSAGE']).toContain(result.code);
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) expect(error).toMatch(/^[^\n]+: [^\n]+$/);
}

describe('parsers never throw', () => {
  it('on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const parse of PARSERS) wellFormed(parse(Buffer.from(bytes)));
      }),
    );
  });

  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const parse of PARSERS) wellFormed(parse(JSON.stringify(value)));
      }),
    );
  });

  it('on the example request with any property replaced by any JSON value', () => {
    const keys = Object.keys(example(SHARE_REQUEST_JSON));
    fc.assert(
      fc.property(fc.constantFrom(...keys, 'extra'), fc.jsonValue(), (key, value) => {
        const message = example(SHARE_REQUEST_JSON);
        message[key] = value;
        wellFormed(parseShareRequest(JSON.stringify(message)));
        wellFormed(validateShareRequest(JSON.parse(JSON.stringify(message))));
      }),
    );
  });
});
