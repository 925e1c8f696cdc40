import type { ChainTip } from '@app/contracts';

/**
 * The audit chain tip travels as the metadata of the input offset the same transaction
 * commits, so the committed input position and the committed chain can never disagree.
 */
export function encodeCheckpoint(tip: ChainTip | null): string {
  return JSON.stringify(tip === null ? { v: 1 } : { v: 1, seq: tip.seq, hash: tip.hash });
}

/** Reads a checkpoint written by {@link encodeCheckpoint}; null when there is none. */
export function decodeCheckpoint(metadata: string | null | undefined): ChainTip | null {
  if (!metadata) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch {
    return null;
  }
  const { seq, hash } = (parsed ?? {}) as { seq?: unknown; hash?: unknown };
  if (
    typeof seq === 'number' &&
    Number.isSafeInteger(seq) &&
    seq >= 0 &&
    typeof hash === 'string'
  ) {
    return { seq, hash };
  }
  return null;
}
