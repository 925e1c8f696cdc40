import {
  EVENT_PROOF_FORMAT,
  extendRange,
  inclusionRanges,
  lookupOf,
  nodesFor,
  proofFromNodes,
  type AuditEvent,
  type CompactRange,
  type EventProof,
} from '@app/contracts';
import type { CosignedHead, WitnessLeaf, WitnessRepository } from './witness.repository';

/** Leaf hashes read per step when building the nodes of leaves stored before them. */
export const NODE_BUILD_BATCH = 4096;

/**
 * Builds the tree nodes of `partition`'s leaves stored beyond `range` (a store written before
 * nodes were kept), `batch` leaves per read and per write so that no step holds much memory
 * or one long transaction, and returns the range it reached. Idempotent; another auditor may
 * build the same nodes at once (both write the same hashes).
 */
export async function buildStoredNodes(
  repo: WitnessRepository,
  partition: number,
  range: CompactRange,
  batch = NODE_BUILD_BATCH,
): Promise<CompactRange> {
  let reached = range;
  for (;;) {
    const hashes = await repo.leafHashes(partition, reached.size, batch);
    if (hashes.length === 0) return reached;
    const grown = extendRange(reached, hashes);
    await repo.grow({ partition, leaves: [], nodes: grown.nodes, range: grown.range });
    reached = grown.range;
    if (hashes.length < batch) return reached;
  }
}

/**
 * The receipt of one stored leaf against a cosigned head of its partition, its inclusion
 * path read from O(log n) stored nodes; null when those nodes are not all stored yet (the
 * auditor is still building the nodes of leaves stored before it kept them).
 */
export async function storedEventProof(
  repo: WitnessRepository,
  leaf: WitnessLeaf,
  head: CosignedHead,
): Promise<EventProof | null> {
  const ranges = inclusionRanges(leaf.seq, head.size);
  const needed = nodesFor(ranges);
  const nodes = await repo.nodes(leaf.partition, needed);
  if (nodes.size < needed.length) return null;
  return {
    format: EVENT_PROOF_FORMAT,
    event: JSON.parse(leaf.canonical.toString('utf8')) as AuditEvent,
    leafIndex: leaf.seq,
    treeSize: head.size,
    inclusionProof: proofFromNodes(ranges, lookupOf(nodes)).map((h) => h.toString('base64')),
    checkpoint: head.note,
  };
}
