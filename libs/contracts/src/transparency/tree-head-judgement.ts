/**
 * The witness step for one new verified tree head (issue 13), over any view of the stored
 * tree: every leaf hash in memory (the CLI's verify reads the topic) or stored nodes (the
 * auditor's witness, O(log n) reads per checkpoint). Alert kinds as in checkpoint-audit.ts.
 */
import type { CheckpointAlert, CheckpointAlertKind, TreeHead } from './checkpoint-audit';
import { consistencyProof, verifyConsistency } from './consistency-proof';
import { sameHash, subtreeRoot } from './merkle-hash';
import {
  consistencyRanges,
  lookupOf,
  nodesFor,
  proofFromNodes,
  type LeafRange,
} from './node-proofs';
import { hashFromNodes, type NodeAddress } from './tree-nodes';

/** What a judgement needs of the tree the events give. */
export interface TreeView {
  /** Leaves held: the events stored so far. */
  size: number;
  /** The root of the first `size` leaves (size ≤ {@link TreeView.size}). */
  root(size: number): Buffer;
  /** PROOF(size1, D[size2]) over the held leaves (size1 ≤ size2 ≤ {@link TreeView.size}). */
  consistencyProof(size1: number, size2: number): Buffer[];
}

/** The outcome of {@link judgeTreeHead}. */
export type TreeHeadJudgement =
  { outcome: 'accept' | 'stale' | 'pending' } | { outcome: 'alert'; alert: CheckpointAlert };

/** A view over every leaf hash. O(leaves) per root. */
export function leavesView(leaves: readonly Uint8Array[]): TreeView {
  return {
    size: leaves.length,
    root: (size) => subtreeRoot(leaves, 0, size),
    consistencyProof: (size1, size2) => consistencyProof(leaves.slice(0, size2), size1),
  };
}

/**
 * The nodes {@link judgeTreeHead} reads to judge `head` against `accepted` over a tree of
 * `size` stored leaves: both roots and the consistency proof between them, O(log n).
 */
export function judgementNodes(
  size: number,
  accepted: TreeHead | null,
  head: TreeHead,
): NodeAddress[] {
  const sizes = [head.size, accepted?.size ?? 0].filter((s) => s <= size);
  const ranges: LeafRange[] = sizes.map((s) => [0, s]);
  if (accepted && accepted.size <= head.size && head.size <= size) {
    ranges.push(...consistencyRanges(accepted.size, head.size));
  }
  return nodesFor(ranges);
}

/** A view over stored nodes (those {@link judgementNodes} named, by `nodeKey`). */
export function nodesView(size: number, nodes: ReadonlyMap<string, Uint8Array>): TreeView {
  const lookup = lookupOf(nodes);
  return {
    size,
    root: (n) => hashFromNodes(0, n, lookup),
    consistencyProof: (size1, size2) => proofFromNodes(consistencyRanges(size1, size2), lookup),
  };
}

/**
 * Judges one new verified head of a partition, given the head the witness last accepted
 * (and cosigned): `accept` (cosign it), `stale` (consistent but not newer), `pending`
 * (events not stored yet) or an alert. `complete`: the partition has no more events than
 * the tree holds, so a signed size beyond it is a truncation.
 */
export function judgeTreeHead(
  partition: number,
  tree: TreeView,
  accepted: TreeHead | null,
  head: TreeHead,
  complete: boolean,
): TreeHeadJudgement {
  const alert = (kind: CheckpointAlertKind, detail: string) =>
    ({ outcome: 'alert', alert: { partition, size: head.size, kind, detail } }) as const;
  const rewritten = () =>
    alert(
      'rewritten',
      `the stored events no longer give the cosigned root at size ${accepted?.size ?? 0}`,
    );
  if (Math.max(head.size, accepted?.size ?? 0) > tree.size) {
    return complete
      ? alert('truncated', `events end at ${tree.size} before the signed tree size ${head.size}`)
      : { outcome: 'pending' };
  }
  const acceptedHolds = accepted === null || sameHash(tree.root(accepted.size), accepted.rootHash);
  if (!sameHash(tree.root(head.size), head.rootHash)) {
    return acceptedHolds
      ? alert(
          'fork',
          `signed root at size ${head.size} is inconsistent with the cosigned size ${accepted?.size ?? 0}`,
        )
      : rewritten();
  }
  if (!accepted) return { outcome: 'accept' };
  if (!acceptedHolds) return rewritten();
  if (head.size < accepted.size) return { outcome: 'stale' };
  // The append-only promise, checked the way any client would: a consistency proof.
  const proof = tree.consistencyProof(accepted.size, head.size);
  if (!verifyConsistency(accepted.size, head.size, accepted.rootHash, head.rootHash, proof)) {
    return alert('fork', `no consistency proof from the cosigned size ${accepted.size}`);
  }
  return { outcome: head.size === accepted.size ? 'stale' : 'accept' };
}
