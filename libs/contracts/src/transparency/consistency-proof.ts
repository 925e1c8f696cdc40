/**
 * RFC 9162 §2.1.4 consistency proofs: that the tree of `size2` leaves extends the tree of
 * `size1` leaves without changing any of them. This is what turns a signed checkpoint into a
 * promise about the past: a log that rewrote or dropped an event cannot produce one.
 */
import { HASH_BYTES, nodeHash, sameHash, splitPoint, subtreeRoot } from './merkle-hash';

/** PROOF(size1, D[size2]) of RFC 9162 §2.1.4.1, where size2 = hashes.length. */
export function consistencyProof(hashes: readonly Uint8Array[], size1: number): Buffer[] {
  const size2 = hashes.length;
  if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > size2) {
    throw new RangeError('size1 must be between 0 and the tree size');
  }
  const proof: Buffer[] = [];
  if (size1 > 0 && size1 < size2) subproof(hashes, size1, 0, size2, true, proof);
  return proof;
}

function subproof(
  hashes: readonly Uint8Array[],
  m: number,
  from: number,
  to: number,
  complete: boolean,
  proof: Buffer[],
): void {
  const n = to - from;
  if (m === n) {
    if (!complete) proof.push(subtreeRoot(hashes, from, to));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(hashes, m, from, from + k, complete, proof);
    proof.push(subtreeRoot(hashes, from + k, to));
  } else {
    subproof(hashes, m - k, from + k, to, false, proof);
    proof.push(subtreeRoot(hashes, from, from + k));
  }
}

/**
 * True when `proof` shows that the tree (`size1`, `root1`) is a prefix of the tree
 * (`size2`, `root2`), per RFC 9162 §2.1.4.2. Equal sizes need equal roots and an empty proof;
 * the empty tree is a prefix of every tree (empty proof).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2)) return false;
  if (size1 < 0 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && sameHash(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0 || proof.some((p) => p.length !== HASH_BYTES)) return false;
  const path = [...proof];
  // A size1 that is a power of two is itself a node of the larger tree: the proof omits it.
  if ((size1 & (size1 - 1)) === 0) path.unshift(Buffer.from(root1));
  let fn = BigInt(size1 - 1);
  let sn = BigInt(size2 - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && sameHash(fr, root1) && sameHash(sr, root2);
}
