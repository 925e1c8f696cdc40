/**
 * RFC 9162 §2.1.3 inclusion proofs: that the leaf at `index` is in the tree of `size` leaves
 * whose root is known. Built from all leaf hashes (the auditor has them), verified from the
 * leaf hash, the proof and the root alone (anyone, offline).
 */
import { HASH_BYTES, nodeHash, sameHash, splitPoint, subtreeRoot } from './merkle-hash';

/** PATH(index, D[size]) of RFC 9162 §2.1.3.1 over `hashes` (the tree is all of them). */
export function inclusionProof(hashes: readonly Uint8Array[], index: number): Buffer[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= hashes.length) {
    throw new RangeError('leaf index outside the tree');
  }
  const path: Buffer[] = [];
  collect(hashes, index, 0, hashes.length, path);
  return path;
}

function collect(
  hashes: readonly Uint8Array[],
  m: number,
  from: number,
  to: number,
  path: Buffer[],
): void {
  const n = to - from;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < k) {
    collect(hashes, m, from, from + k, path);
    path.push(subtreeRoot(hashes, from + k, to));
  } else {
    collect(hashes, m - k, from + k, to, path);
    path.push(subtreeRoot(hashes, from, from + k));
  }
}

/**
 * The root that `proof` leads to from `leaf` at `index` in a tree of `size` leaves
 * (RFC 9162 §2.1.3.2), or null when the proof cannot be one for that position and size.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Buffer | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size)) return null;
  if (index < 0 || index >= size || leaf.length !== HASH_BYTES) return null;
  if (proof.some((p) => p.length !== HASH_BYTES)) return null;
  // BigInt: the shifts below must not wrap at 32 bits for sizes beyond 2^31.
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0n) return null;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : null;
}

/** True when `proof` shows `leaf` at `index` in the tree of `size` leaves with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  return computed !== null && sameHash(computed, root);
}
