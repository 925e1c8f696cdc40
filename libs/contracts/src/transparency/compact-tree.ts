/**
 * An append-only Merkle tree kept as its compact range: one hash per set bit of the size
 * (the roots of the perfect subtrees it decomposes into, largest first). Appending costs
 * O(log n) amortised one hash, the root costs O(log n), and the whole state is at most 64
 * hashes, so the gateway never rehashes history and can carry the state with its offsets.
 */
import { EMPTY_ROOT, HASH_BYTES, nodeHash } from './merkle-hash';

/** The serialisable state of a {@link CompactTree}: size and base64 subtree roots. */
export interface CompactTreeState {
  size: number;
  peaks: string[];
}

/** An RFC 9162 tree that remembers only what it needs to grow and to give its root. */
export class CompactTree {
  private constructor(
    private treeSize: number,
    private readonly peaks: Buffer[],
  ) {}

  /** The empty tree. */
  static empty(): CompactTree {
    return new CompactTree(0, []);
  }

  /** Restores a tree from {@link toState}; throws RangeError when the state cannot be one. */
  static fromState(state: CompactTreeState): CompactTree {
    const { size, peaks } = state;
    if (!Number.isSafeInteger(size) || size < 0 || !Array.isArray(peaks)) {
      throw new RangeError('compact tree state has a bad size');
    }
    if (peaks.length !== popCount(size)) {
      throw new RangeError('compact tree state does not match its size');
    }
    const decoded = peaks.map((p) => Buffer.from(String(p), 'base64'));
    if (decoded.some((p) => p.length !== HASH_BYTES)) {
      throw new RangeError('compact tree state holds a bad hash');
    }
    return new CompactTree(size, decoded);
  }

  /** Number of leaves. */
  get size(): number {
    return this.treeSize;
  }

  /** Appends one leaf hash (not the leaf's bytes: hash them with `leafHash`). */
  append(leaf: Uint8Array): void {
    if (leaf.length !== HASH_BYTES) throw new RangeError('a leaf hash is 32 bytes');
    this.peaks.push(Buffer.from(leaf));
    // Each trailing one bit of the old size is a perfect subtree the new leaf now completes.
    for (let s = this.treeSize; s % 2 === 1; s = Math.floor(s / 2)) {
      const right = this.peaks.pop() as Buffer;
      const left = this.peaks.pop() as Buffer;
      this.peaks.push(nodeHash(left, right));
    }
    this.treeSize += 1;
  }

  /** The RFC 9162 root hash of the leaves appended so far. */
  root(): Buffer {
    if (this.peaks.length === 0) return EMPTY_ROOT;
    let r = this.peaks[this.peaks.length - 1];
    for (let i = this.peaks.length - 2; i >= 0; i -= 1) r = nodeHash(this.peaks[i], r);
    return r;
  }

  /** An independent copy: a batch grows a copy and keeps it only when its transaction commits. */
  clone(): CompactTree {
    return new CompactTree(this.treeSize, [...this.peaks]);
  }

  /** The state to store (JSON-safe). */
  toState(): CompactTreeState {
    return { size: this.treeSize, peaks: this.peaks.map((p) => p.toString('base64')) };
  }
}

function popCount(n: number): number {
  let count = 0;
  for (let s = n; s > 0; s = Math.floor(s / 2)) count += s % 2;
  return count;
}
