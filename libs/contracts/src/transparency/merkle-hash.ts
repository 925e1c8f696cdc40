/**
 * RFC 9162 §2.1.1 Merkle tree hashing (identical to RFC 6962 §2.1): SHA-256 with a one-byte
 * domain prefix, 0x00 for a leaf and 0x01 for an interior node, so that a leaf can never be
 * passed off as a node.
 */
import { createHash } from 'node:crypto';

/** Bytes of one SHA-256 hash: every leaf, node and root hash of the tree. */
export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** `SHA-256(0x00 || leaf)`: the hash of one leaf's bytes. */
export function leafHash(leaf: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

/** `SHA-256(0x01 || left || right)`: the hash of an interior node. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The largest power of two strictly below `n` (n ≥ 2): where RFC 9162 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * MTH over the leaf hashes `hashes[from..to)`: the root of that (sub)tree. Recursion depth is
 * log2 of the size, so any size that fits in memory is safe.
 */
export function subtreeRoot(hashes: readonly Uint8Array[], from = 0, to = hashes.length): Buffer {
  const n = to - from;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return Buffer.from(hashes[from]);
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(hashes, from, from + k), subtreeRoot(hashes, from + k, to));
}

/** True when `a` and `b` are the same 32-byte hash (constant-time compare not needed: public). */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === HASH_BYTES && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}
