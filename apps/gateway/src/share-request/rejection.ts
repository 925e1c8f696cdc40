import type { ReasonCode } from '@app/contracts';

/** Why a record could not be decided at all: it goes to the DLQ with a request.rejected event. */
export interface Rejection {
  code: Extract<
    ReasonCode,
    'INVALID_JSON' | 'INVALID_MESSAGE' | 'MESSAGE_TOO_LARGE' | 'KEY_MISMATCH'
  >;
  /** Property paths and constraints only, never values. */
  errors: string[];
}

/** The rule and clause recorded for a rejection: the wire contract, not the policy, refused it. */
export const REJECTION_CITATION = {
  rule: 'contract.share-request',
  clause: 'Onward wire contract: ShareRequest (DESIGN §3, §6 Bad input loses nothing)',
} as const;

const MAX_ERROR_HEADER_CHARS = 4000;

/** The DLQ `onward.error` header: code and violations, bounded so a hostile record cannot bloat it. */
export function errorHeaderOf(rejection: Rejection): string {
  const text = `${rejection.code}: ${rejection.errors.join('; ')}`;
  return text.length <= MAX_ERROR_HEADER_CHARS
    ? text
    : `${text.slice(0, MAX_ERROR_HEADER_CHARS - 1)}…`;
}

// The AuditEvent contract's bounds (code points): a salvaged id longer than its bound, or
// one with a lone surrogate, would make the rejection event itself unparseable downstream,
// and the auditor would report the chain as broken.
const ID_BOUNDS = {
  requestId: 128,
  subjectId: 128,
  recipientId: 128,
  purpose: 64,
  producer: 64,
} as const;
const ID_FIELDS = Object.keys(ID_BOUNDS) as (keyof typeof ID_BOUNDS)[];
const LONE_SURROGATE = /\p{Cs}/u;
/** Identifiers that can be read from a refused record; a field that cannot be read is null. */
export type ReadableIds = Record<keyof typeof ID_BOUNDS, string | null>;

function isRecordable(v: unknown, max: number): v is string {
  if (typeof v !== 'string' || v.length === 0 || v.length > max * 2) return false;
  return !LONE_SURROGATE.test(v) && [...v].length <= max;
}

/**
 * Salvages the identifiers of a refused record for its audit event: only short strings at
 * the top level of a JSON object, never anything from `data`.
 */
export function readableIds(value: Buffer | null, maxBytes: number): ReadableIds {
  const ids: ReadableIds = {
    requestId: null,
    subjectId: null,
    recipientId: null,
    purpose: null,
    producer: null,
  };
  if (value === null || value.length > maxBytes) return ids;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return ids;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ids;
  for (const field of ID_FIELDS) {
    const v = (parsed as Record<string, unknown>)[field];
    if (isRecordable(v, ID_BOUNDS[field])) ids[field] = v;
  }
  return ids;
}
