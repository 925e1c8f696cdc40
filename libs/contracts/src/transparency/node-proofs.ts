/**
 * RFC 9162 roots, inclusion and consistency proofs built from stored nodes (tree-nodes.ts)
 * instead of every leaf: each proof is a list of leaf ranges whose subtree hashes it holds
 * (the same recursion as §2.1.3.1 and §2.1.4.1), each range O(1) nodes but one, so a proof
 * needs O(log n) node reads. Plan the ranges, fetch {@link nodesFor} in one read, then build.
 */
import {
  hashFromNodes,
  nodeKey,
  rangeNodes,
  type NodeAddress,
  type NodeLookup,
} from './tree-nodes';
import { splitPoint } from './merkle-hash';

/** A leaf range [from, to) whose subtree hash is one element of a proof. */
export type LeafRange = readonly [from: number, to: number];

/** The ranges of PATH(index, D[size]) (RFC 9162 §2.1.3.1), in proof order. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new RangeError('leaf index outside the tree');
  }
  const ranges: LeafRange[] = [];
  const walk = (m: number, from: number, to: number): void => {
    const n = to - from;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, from, from + k);
      ranges.push([from + k, to]);
    } else {
      walk(m - k, from + k, to);
      ranges.push([from, from + k]);
    }
  };
  walk(index, 0, size);
  return ranges;
}

/** The ranges of PROOF(size1, D[size2]) (RFC 9162 §2.1.4.1), in proof order. */
export function consistencyRanges(size1: number, size2: number): LeafRange[] {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0) {
    throw new RangeError('size1 must be between 0 and the tree size');
  }
  if (size1 > size2) throw new RangeError('size1 must be between 0 and the tree size');
  const ranges: LeafRange[] = [];
  const walk = (m: number, from: number, to: number, complete: boolean): void => {
    const n = to - from;
    if (m === n) {
      if (!complete) ranges.push([from, to]);
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      walk(m, from, from + k, complete);
      ranges.push([from + k, to]);
    } else {
      walk(m - k, from + k, to, false);
      ranges.push([from, from + k]);
    }
  };
  if (size1 > 0 && size1 < size2) walk(size1, 0, size2, true);
  return ranges;
}

/** Every node address the ranges need, each once: what to read from the store. */
export function nodesFor(ranges: readonly LeafRange[]): NodeAddress[] {
  const unique = new Map<string, NodeAddress>();
  for (const [from, to] of ranges) {
    for (const address of rangeNodes(from, to)) unique.set(nodeKey(address), address);
  }
  return [...unique.values()];
}

/** The proof's hashes from stored nodes; throws RangeError when a node is missing. */
export function proofFromNodes(ranges: readonly LeafRange[], lookup: NodeLookup): Buffer[] {
  return ranges.map(([from, to]) => hashFromNodes(from, to, lookup));
}

/** A {@link NodeLookup} over nodes read from a store. */
export function lookupOf(nodes: ReadonlyMap<string, Uint8Array>): NodeLookup {
  return (address) => nodes.get(nodeKey(address));
}
