import {
  consistencyProof,
  consistencyRanges,
  EMPTY_RANGE,
  EMPTY_ROOT,
  extendRange,
  hashFromNodes,
  inclusionProof,
  inclusionRanges,
  judgeTreeHead,
  judgementNodes,
  leafHash,
  leavesView,
  lookupOf,
  nodeKey,
  nodesFor,
  nodesView,
  proofFromNodes,
  rangeRoot,
  subtreeRoot,
  type CompactRange,
  type TreeHead,
  type TreeNode,
} from '@app/contracts';
import fc from 'fast-check';
import vectors from './vectors/rfc6962.json';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');
const referenceLeaves = vectors.leaves.map((l) => leafHash(hex(l)));
const toHex = (hashes: Buffer[]): string[] => hashes.map((h) => h.toString('hex'));

/** Grows a tree over `leaves` in the given batch sizes; every node it yields, by key. */
function grow(leaves: readonly Buffer[], batches: readonly number[] = [leaves.length]) {
  let range: CompactRange = EMPTY_RANGE;
  const nodes = new Map<string, Buffer>();
  const all: TreeNode[] = [];
  let at = 0;
  for (const n of [...batches, leaves.length]) {
    const grown = extendRange(range, leaves.slice(at, Math.min(leaves.length, at + n)));
    at = grown.range.size;
    range = grown.range;
    for (const node of grown.nodes) nodes.set(nodeKey(node), node.hash);
    all.push(...grown.nodes);
  }
  return { range, nodes, all };
}

describe('stored tree nodes (reference vectors)', () => {
  it('a compact range grown leaf by leaf gives every published root', () => {
    let range: CompactRange = EMPTY_RANGE;
    expect(rangeRoot(range)).toEqual(EMPTY_ROOT);
    referenceLeaves.forEach((leaf, i) => {
      range = extendRange(range, [leaf]).range;
      expect(rangeRoot(range).toString('hex')).toBe(vectors.roots[i]);
    });
  });

  it('yields each complete subtree once, at its level and index, with its hash', () => {
    const { all } = grow(referenceLeaves, [3, 1, 2]);
    // 8 leaves: 8 + 4 + 2 + 1 perfect subtrees.
    expect(all.map((n) => nodeKey(n)).sort()).toEqual(
      [
        ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `0/${i}`),
        ...[0, 1, 2, 3].map((i) => `1/${i}`),
        '2/0',
        '2/1',
        '3/0',
      ].sort(),
    );
    for (const n of all) {
      const span = 2 ** n.level;
      expect(n.hash).toEqual(subtreeRoot(referenceLeaves, n.index * span, (n.index + 1) * span));
    }
  });

  it('roots from stored nodes equal the published roots at every size', () => {
    const lookup = lookupOf(grow(referenceLeaves).nodes);
    for (let size = 1; size <= 8; size += 1) {
      expect(hashFromNodes(0, size, lookup).toString('hex')).toBe(vectors.roots[size - 1]);
    }
    expect(hashFromNodes(0, 0, lookup)).toEqual(EMPTY_ROOT);
  });

  it.each(vectors.inclusion)('inclusion of leaf $leafIndex in $size from nodes', (v) => {
    const lookup = lookupOf(grow(referenceLeaves.slice(0, v.size)).nodes);
    const ranges = inclusionRanges(v.leafIndex, v.size);
    expect(toHex(proofFromNodes(ranges, lookup))).toEqual(v.proof);
  });

  it.each(vectors.consistency)('consistency $size1 → $size2 from nodes', (v) => {
    const lookup = lookupOf(grow(referenceLeaves.slice(0, v.size2)).nodes);
    expect(toHex(proofFromNodes(consistencyRanges(v.size1, v.size2), lookup))).toEqual(v.proof);
  });

  it('refuses bad ranges and names a node the store does not hold', () => {
    expect(() => inclusionRanges(8, 8)).toThrow(RangeError);
    expect(() => consistencyRanges(5, 4)).toThrow(RangeError);
    expect(() => extendRange(EMPTY_RANGE, [Buffer.alloc(3)])).toThrow(RangeError);
    const { nodes } = grow(referenceLeaves.slice(0, 4));
    expect(() => hashFromNodes(0, 5, lookupOf(nodes))).toThrow(/0\/4 is not stored/);
  });
});

describe('stored tree nodes (fast-check against the leaf-array builders)', () => {
  const arb = fc.record({
    leaves: fc.array(fc.uint8Array({ maxLength: 6 }), { minLength: 1, maxLength: 140 }),
    batches: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 6 }),
    a: fc.nat(),
    b: fc.nat(),
  });
  const hashesOf = (leaves: Uint8Array[]) =>
    leaves.map((l, i) => leafHash(Buffer.concat([Buffer.from([i % 256, i >> 8]), l])));

  it('proofs need O(log n) nodes and equal the RFC builders, however the tree grew', () => {
    fc.assert(
      fc.property(arb, ({ leaves, batches, a, b }) => {
        const hashes = hashesOf(leaves);
        const { range, nodes } = grow(hashes, batches);
        const lookup = lookupOf(nodes);
        const size2 = 1 + (a % hashes.length);
        const size1 = b % (size2 + 1);
        const index = b % size2;
        const inclusion = inclusionRanges(index, size2);
        const consistency = consistencyRanges(size1, size2);
        const bound = 2 * Math.ceil(Math.log2(size2 + 1)) + 2;
        return (
          range.size === hashes.length &&
          rangeRoot(range).equals(subtreeRoot(hashes)) &&
          hashFromNodes(0, size2, lookup).equals(subtreeRoot(hashes, 0, size2)) &&
          toHex(proofFromNodes(inclusion, lookup)).join() ===
            toHex(inclusionProof(hashes.slice(0, size2), index)).join() &&
          toHex(proofFromNodes(consistency, lookup)).join() ===
            toHex(consistencyProof(hashes.slice(0, size2), size1)).join() &&
          nodesFor(inclusion).length <= bound &&
          nodesFor(consistency).length <= bound
        );
      }),
    );
  });

  it('judging a head over stored nodes agrees with judging it over every leaf', () => {
    fc.assert(
      fc.property(arb, fc.boolean(), fc.boolean(), ({ leaves, a, b }, forge, complete) => {
        const hashes = hashesOf(leaves);
        const held = hashes.slice(0, 1 + (a % hashes.length));
        const signed = 1 + (b % hashes.length);
        const accepted: TreeHead = { size: (a + b) % (signed + 1), rootHash: Buffer.alloc(32) };
        accepted.rootHash = subtreeRoot(hashes, 0, Math.min(accepted.size, hashes.length));
        const head: TreeHead = {
          size: signed,
          rootHash: forge ? leafHash(Buffer.from('forged')) : subtreeRoot(hashes, 0, signed),
        };
        const { nodes } = grow(held);
        const needed = judgementNodes(held.length, accepted, head);
        const fetched = new Map(needed.map((n) => [nodeKey(n), nodes.get(nodeKey(n))!]));
        const byNodes = judgeTreeHead(1, nodesView(held.length, fetched), accepted, head, complete);
        const byLeaves = judgeTreeHead(1, leavesView(held), accepted, head, complete);
        return JSON.stringify(byNodes) === JSON.stringify(byLeaves);
      }),
    );
  });
});
