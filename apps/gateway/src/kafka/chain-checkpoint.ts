import { CompactTree, type ChainTip, type CompactTreeState } from '@app/contracts';

/**
 * The audit chain tip, and the partition's compact Merkle tree, travel as the metadata of the
 * input offset the same transaction commits, so the committed input position, the committed
 * chain and the committed tree can never disagree. The tree is at most one hash per set bit
 * of its size (≈ 45 bytes each), well inside Kafka's 4096-byte offset metadata limit.
 */
export function encodeCheckpoint(tip: ChainTip | null, tree: CompactTree | null = null): string {
  const base = tip === null ? { v: 1 } : { v: 1, seq: tip.seq, hash: tip.hash };
  return JSON.stringify(tree === null ? base : { ...base, tree: tree.toState() });
}

function parseMetadata(metadata: string | null | undefined): Record<string, unknown> | null {
  if (!metadata) return null;
  try {
    const parsed: unknown = JSON.parse(metadata);
    return parsed !== null && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Reads a checkpoint written by {@link encodeCheckpoint}; null when there is none. */
export function decodeCheckpoint(metadata: string | null | undefined): ChainTip | null {
  const { seq, hash } = parseMetadata(metadata) ?? {};
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

/**
 * The compact tree stored with `tip`, or null when there is none or it does not cover exactly
 * the chain up to `tip` (written by a gateway without checkpoints, or damaged): the caller then
 * rebuilds it from the audit partition.
 */
export function decodeTree(
  metadata: string | null | undefined,
  tip: ChainTip | null,
): CompactTree | null {
  const state = parseMetadata(metadata)?.tree as CompactTreeState | undefined;
  if (!state) return tip === null ? CompactTree.empty() : null;
  try {
    const tree = CompactTree.fromState(state);
    return tree.size === (tip === null ? 0 : tip.seq + 1) ? tree : null;
  } catch {
    return null;
  }
}
