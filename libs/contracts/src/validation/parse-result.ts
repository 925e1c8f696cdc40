/** The outcome of parsing or validating one message: a value, or every reason it is bad. */

/**
 * Why a message was refused. `INVALID_JSON`: not UTF-8 JSON at all; `MESSAGE_TOO_LARGE`: over
 * the byte limit, not parsed; `INVALID_MESSAGE`: JSON that breaks the contract or a safety limit.
 * The codes match the `request.rejected` reason codes of the vocabulary.
 */
export type ParseErrorCode = 'INVALID_JSON' | 'MESSAGE_TOO_LARGE' | 'INVALID_MESSAGE';

/** A message that satisfied the contract, as a plain JSON object. */
export interface ParseSuccess<T> {
  ok: true;
  value: T;
}

/**
 * A refused message. Each error is `"<property path>: <problem>"`; errors name properties and
 * constraints only, never a value, so they may be logged and written to DLQ headers.
 */
export interface ParseFailure {
  ok: false;
  code: ParseErrorCode;
  errors: string[];
}

/** Either a whole valid value or the complete list of violations, never a half-valid object. */
export type ParseResult<T> = ParseSuccess<T> | ParseFailure;

/** Builds a failure result. */
export function parseFailure(code: ParseErrorCode, errors: string[]): ParseFailure {
  return { ok: false, code, errors };
}
