/**
 * Renders property paths for error messages (`legalBasis.kind`, `consents[2].givenAt`).
 * Error messages end up in logs and DLQ headers, so a path must never smuggle a payload into
 * them: odd or long keys are escaped and truncated, and below `data` only the top-level field
 * name is shown (see `PAYLOAD_PROPERTY`).
 */

/** One step of a path: a property name or an array index. */
export type PathSegment = string | number;

/** How the root is named in an error when the problem concerns the whole message. */
export const ROOT_PATH = '(root)';

/**
 * The one property whose contents are payload rather than contract. Its top-level field names
 * are shown (the audit trail records them anyway); deeper keys are payload and are not.
 */
export const PAYLOAD_PROPERTY = 'data';

const MAX_KEY_CHARS = 64;
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

function renderKey(key: string): string {
  if (key.length <= MAX_KEY_CHARS && PLAIN_KEY.test(key)) return `.${key}`;
  const shown = key.length > MAX_KEY_CHARS ? `${key.slice(0, MAX_KEY_CHARS)}…` : key;
  // JSON.stringify escapes quotes and control characters, so the key cannot break the message.
  return `[${JSON.stringify(shown)}]`;
}

/**
 * Cuts a path at the first level below `data`, so that `data.grades[0].item` is reported as
 * `data.grades`: the structure inside a payload field is itself payload.
 */
export function redactPayloadPath(path: readonly PathSegment[]): readonly PathSegment[] {
  return path[0] === PAYLOAD_PROPERTY && path.length > 2 ? path.slice(0, 2) : path;
}

/** Formats a path, redacting below `data`; the empty path is `(root)`. */
export function formatPath(path: readonly PathSegment[]): string {
  const shown = redactPayloadPath(path);
  if (shown.length === 0) return ROOT_PATH;
  const text = shown
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : renderKey(segment)))
    .join('');
  return text.startsWith('.') ? text.slice(1) : text;
}

/** Formats one error line, `"<property path>: <problem>"`, the only error shape this lib emits. */
export function pathError(path: readonly PathSegment[], problem: string): string {
  return `${formatPath(path)}: ${problem}`;
}
