/**
 * Duplicate object keys. `JSON.parse` keeps the last of two equal keys, so
 * `{"status":"suspended", …, "status":"active"}` reads as active to us while another reader
 * may take the first: a message must mean one thing to every reader (RFC 8259 §4 leaves it
 * open; I-JSON, RFC 7493 §2.3, forbids it). Parsing has already dropped duplicates, so this
 * scans the text itself, once, linearly, with an explicit stack (no recursion to overflow).
 */
import { type PathSegment, pathError } from './property-path';

interface Frame {
  /** Keys seen so far in this object; null for an array. */
  keys: Set<string> | null;
  /** The key or index of the value being read in this container. */
  segment: PathSegment;
  /** In an object: the next string is a key (after `{` or `,`), not a value (after `:`). */
  expectKey: boolean;
}

/** Index of the quote closing the string that opens at `start` (text is valid JSON). */
function closingQuote(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  for (;;) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
}

/**
 * Lists the duplicate keys of `text`, which must already be valid JSON (call after
 * `JSON.parse` succeeded): one error line per duplicate, its path rendered like every other
 * error (escaped, truncated, cut below `data`), at most `maxErrors` lines. Keys compare after
 * unescaping, so `"a"` and `"\u0061"` are the same key.
 */
export function duplicateKeyErrors(text: string, maxErrors: number): string[] {
  const errors = new Set<string>();
  const stack: Frame[] = [];
  for (let i = 0; i < text.length && errors.size < maxErrors; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x7b /* { */) stack.push({ keys: new Set(), segment: '', expectKey: true });
    else if (c === 0x5b /* [ */) stack.push({ keys: null, segment: 0, expectKey: false });
    else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */ && top) {
      if (top.keys) top.expectKey = true;
      else top.segment = (top.segment as number) + 1;
    } else if (c === 0x3a /* : */ && top) top.expectKey = false;
    else if (c === 0x22 /* " */) {
      const end = closingQuote(text, i);
      if (top?.keys && top.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        top.segment = key;
        if (top.keys.has(key)) {
          errors.add(
            pathError(
              stack.map((f) => f.segment),
              'duplicate key',
            ),
          );
        }
        top.keys.add(key);
      }
      i = end;
    }
  }
  return [...errors];
}
