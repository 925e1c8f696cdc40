/**
 * A Merkle tree kept as stored nodes (issue 13), the way Trillian and Tessera tiles keep it:
 * node (level L, index i) is the root of the perfect subtree over leaves [i·2^L, (i+1)·2^L),
 * level 0 being the leaf hashes. Nodes never change once their leaves are in, so a store can
 * write each once, and any RFC 9162 root or proof is then O(log n) of them instead of a
 * rehash of every leaf. The compact range (the peaks of the right edge) is what growing the
 * tree needs: appending k leaves costs O(k) hashes and yields the nodes they complete.
 */
import { EMPTY_ROOT, HASH_BYTES, nodeHash } from './merkle-hash';

/** Where a node sits: its level (0 = leaf) and its index within that level. */
export interface NodeAddress {
  level: number;
  index: number;
}

/** A complete node and its hash. */
export interface TreeNode extends NodeAddress {
  hash: Buffer;
}

/** The right edge of a tree of `size` leaves: its perfect subtree roots, largest first. */
export interface CompactRange {
  size: number;
  peaks: Buffer[];
}

/** The stored hash of a node, or undefined when the store does not hold it. */
export type NodeLookup = (address: NodeAddress) => Uint8Array | undefined;

/** The compact range of the empty tree. */
export const EMPTY_RANGE: CompactRange = Object.freeze({ size: 0, peaks: [] }) as CompactRange;

/** A map key for a node address. */
export function nodeKey(address: NodeAddress): string {
  return `${address.level}/${address.index}`;
}

/**
 * Appends `leafHashes` to `range`: the new range, and every node the new leaves complete
 * (each leaf at level 0 and each perfect subtree they close), to be stored once.
 */
export function extendRange(
  range: CompactRange,
  leafHashes: readonly Uint8Array[],
): { range: CompactRange; nodes: TreeNode[] } {
  const peaks = [...range.peaks];
  const nodes: TreeNode[] = [];
  let size = range.size;
  for (const leaf of leafHashes) {
    if (leaf.length !== HASH_BYTES) throw new RangeError('a leaf hash is 32 bytes');
    let hash: Buffer = Buffer.from(leaf);
    nodes.push({ level: 0, index: size, hash });
    // Each trailing one bit of the old size is a perfect subtree the new leaf completes.
    let level = 0;
    for (let s = size; s % 2 === 1; s = Math.floor(s / 2)) {
      hash = nodeHash(peaks.pop() as Buffer, hash);
      level += 1;
      nodes.push({ level, index: Math.floor(size / 2 ** level), hash });
    }
    peaks.push(hash);
    size += 1;
  }
  return { range: { size, peaks }, nodes };
}

/** The RFC 9162 root of the tree a compact range describes. */
export function rangeRoot(range: CompactRange): Buffer {
  const { peaks } = range;
  if (peaks.length === 0) return EMPTY_ROOT;
  let root = peaks[peaks.length - 1];
  for (let i = peaks.length - 2; i >= 0; i -= 1) root = nodeHash(peaks[i], root);
  return root;
}

/**
 * The stored nodes whose hashes give MTH(D[from:to)), left to right: the largest aligned
 * perfect subtrees covering the range. Every range RFC 9162 recursion visits starts at a
 * multiple of a power of two at least its length, so they fold into its root right to left.
 */
export function rangeNodes(from: number, to: number): NodeAddress[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
    throw new RangeError('bad leaf range');
  }
  const nodes: NodeAddress[] = [];
  let at = from;
  while (at < to) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= to) level += 1;
    nodes.push({ level, index: at / 2 ** level });
    at += 2 ** level;
  }
  return nodes;
}

/** MTH(D[from:to)) from stored nodes; throws RangeError when one is missing. */
export function hashFromNodes(from: number, to: number, lookup: NodeLookup): Buffer {
  const hashes = rangeNodes(from, to).map((address) => {
    const hash = lookup(address);
    if (hash === undefined) throw new RangeError(`tree node ${nodeKey(address)} is not stored`);
    return hash;
  });
  if (hashes.length === 0) return EMPTY_ROOT;
  let root: Buffer = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i -= 1) root = nodeHash(hashes[i], root);
  return root;
}
