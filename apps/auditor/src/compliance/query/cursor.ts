import type { EventCursor } from '../../store/store.types';

/** The opaque cursor of an event search: base64url of `[decidedMs, partition, offset]`. */
export function encodeCursor(cursor: EventCursor): string {
  const parts = [cursor.decidedMs, cursor.partition, cursor.offset];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(text: string): EventCursor | null {
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parts) || parts.length !== 3) return null;
  if (!parts.every((p) => Number.isSafeInteger(p) && (p as number) >= 0)) return null;
  const [decidedMs, partition, offset] = parts as number[];
  return { decidedMs, partition, offset };
}
