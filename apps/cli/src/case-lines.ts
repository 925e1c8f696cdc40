import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import {
  checkJsonObject,
  isUtcTimestamp,
  validateRecipient,
  validateShareRequest,
  validateSubjectProfile,
  type ParseResult,
} from '@app/contracts';
import type { DecideInput } from '@app/policy';

/** One decidable input line. */
export interface Case {
  line: number;
  /** The author's label for the case, echoed in the output. */
  label?: string;
  input: DecideInput;
  now: Date;
}

/** An input line that could not be read; the message names the problem, never a value. */
export interface BadLine {
  line: number;
  error: string;
}

const REQUIRED = ['request', 'recipient', 'subject', 'now'];
const KEYS = ['case', ...REQUIRED];

/**
 * Reads JSON lines `{"case"?, "request", "recipient", "subject", "now"}` (recipient and
 * subject may be null = unknown). Blank lines and lines starting with `#` are skipped. Each
 * part is validated with the contract's validators. Line numbers count every physical line.
 */
export async function* readCases(input: Readable): AsyncGenerator<Case | BadLine> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    yield readCase(n, trimmed);
  }
}

/** Parses and validates one line. */
export function readCase(line: number, text: string): Case | BadLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { line, error: 'not valid JSON' };
  }
  // The three parts get the contract's own structural checks below (where `data` may hold
  // `constructor`, DESIGN §7); the rest of the line is checked here.
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  const {
    request: _q,
    recipient: _r,
    subject: _s,
    ...rest
  } = (isObject ? parsed : {}) as Record<string, unknown>;
  const root = checkJsonObject(isObject ? rest : parsed);
  if (!root.ok) return { line, error: root.errors.join('; ') };
  const obj = parsed as Record<string, unknown>;
  const errors: string[] = [];
  for (const key of Object.keys(obj)) {
    if (!KEYS.includes(key)) errors.push(`${key}: unknown property`);
  }
  for (const key of REQUIRED) if (!Object.hasOwn(obj, key)) errors.push(`${key}: is required`);
  if (obj.case !== undefined && typeof obj.case !== 'string') errors.push('case: must be a string');
  if (Object.hasOwn(obj, 'now') && !isUtcTimestamp(obj.now)) {
    errors.push('now: must be an ISO-8601 UTC timestamp');
  }
  const request = part(errors, 'request', obj.request, validateShareRequest);
  const recipient = part(errors, 'recipient', obj.recipient, validateRecipient);
  const subject = part(errors, 'subject', obj.subject, validateSubjectProfile);
  if (errors.length > 0 || !request || recipient === undefined || subject === undefined) {
    return { line, error: errors.join('; ') };
  }
  return {
    line,
    ...(typeof obj.case === 'string' ? { label: obj.case } : {}),
    input: { request, recipient, subject },
    now: new Date(obj.now as string),
  };
}

/** Validates one part; undefined when absent or invalid (errors recorded), null stays null. */
function part<T>(
  errors: string[],
  name: string,
  value: unknown,
  validate: (value: unknown) => ParseResult<T>,
): T | null | undefined {
  if (value === undefined) return undefined;
  if (value === null && name !== 'request') return null;
  const result = validate(value);
  if (result.ok) return result.value;
  for (const e of result.errors) errors.push(`${name}: ${e}`);
  return undefined;
}
