import {
  CompactTree,
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  subtreeRoot,
  verifyConsistency,
  verifyInclusion,
} from '@app/contracts';
import fc from 'fast-check';
import vectors from './vectors/rfc6962.json';
import testdata from './vectors/consistency-1-8.testdata.json';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');
const leafHashes = vectors.leaves.map((l) => leafHash(hex(l)));
const rootOf = (size: number): Buffer => hex(vectors.roots[size - 1]);
const flip = (b: Buffer, bit: number): Buffer => {
  const copy = Buffer.from(b);
  copy[0] ^= 1 << bit;
  return copy;
};

describe('RFC 9162 hashing (reference vectors)', () => {
  it('hashes the empty tree, leaves and nodes as RFC 6962 does', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(vectors.hasher.emptyRoot);
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe(vectors.hasher.emptyLeaf);
    expect(leafHash(Buffer.from('L123456')).toString('hex')).toBe(vectors.hasher.leafL123456);
    expect(nodeHash(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe(
      vectors.hasher.nodeN123N456,
    );
  });

  it('computes the published root of every prefix of the eight reference leaves', () => {
    for (let size = 1; size <= 8; size += 1) {
      expect(subtreeRoot(leafHashes.slice(0, size)).toString('hex')).toBe(vectors.roots[size - 1]);
    }
  });

  it('grows a compact tree to the same roots, and survives a round trip through its state', () => {
    let tree = CompactTree.empty();
    expect(tree.root()).toEqual(EMPTY_ROOT);
    leafHashes.forEach((h, i) => {
      tree.append(h);
      expect(tree.root().toString('hex')).toBe(vectors.roots[i]);
      tree = CompactTree.fromState(JSON.parse(JSON.stringify(tree.toState())));
    });
    expect(tree.size).toBe(8);
  });

  it('refuses a compact state that cannot be a tree', () => {
    expect(() => CompactTree.fromState({ size: 3, peaks: [] })).toThrow(RangeError);
    expect(() => CompactTree.fromState({ size: 1, peaks: ['AAAA'] })).toThrow(RangeError);
  });
});

describe('inclusion proofs (reference vectors)', () => {
  it.each(vectors.inclusion)('leaf $leafIndex of $size: builds and verifies', (v) => {
    const proof = v.proof.map(hex);
    const leaves = leafHashes.slice(0, v.size);
    expect(inclusionProof(leaves, v.leafIndex).map((p) => p.toString('hex'))).toEqual(v.proof);
    expect(
      verifyInclusion(v.leafIndex, v.size, leafHashes[v.leafIndex], proof, rootOf(v.size)),
    ).toBe(true);
  });

  it.each(vectors.inclusion.filter((v) => v.proof.length > 0))(
    'leaf $leafIndex of $size: every corruption fails',
    (v) => {
      const proof = v.proof.map(hex);
      const root = rootOf(v.size);
      const leaf = leafHashes[v.leafIndex];
      const bad: [number, number, Buffer, Buffer[], Buffer][] = [
        [v.leafIndex - 1, v.size, leaf, proof, root],
        [v.leafIndex + 1, v.size, leaf, proof, root],
        [v.leafIndex ^ 2, v.size, leaf, proof, root],
        [v.leafIndex, v.size * 2, leaf, proof, root],
        [v.leafIndex, Math.floor(v.size / 2), leaf, proof, root],
        [v.leafIndex, v.size, leafHash(Buffer.from('WrongLeaf')), proof, root],
        [v.leafIndex, v.size, leaf, proof, EMPTY_ROOT],
        [v.leafIndex, v.size, leaf, [...proof, root], root],
        [v.leafIndex, v.size, leaf, [root, ...proof], root],
        [v.leafIndex, v.size, leaf, proof.slice(0, -1), root],
        ...proof.map((_, i): [number, number, Buffer, Buffer[], Buffer] => [
          v.leafIndex,
          v.size,
          leaf,
          proof.map((p, j) => (j === i ? flip(p, 3) : p)),
          root,
        ]),
      ];
      for (const [index, size, l, p, r] of bad)
        expect(verifyInclusion(index, size, l, p, r)).toBe(false);
    },
  );

  it('rejects an index outside the tree and a proof for an empty tree', () => {
    expect(rootFromInclusionProof(0, 0, leafHashes[0], [])).toBeNull();
    expect(rootFromInclusionProof(1, 1, leafHashes[0], [])).toBeNull();
    expect(() => inclusionProof(leafHashes, 8)).toThrow(RangeError);
  });
});

describe('consistency proofs (reference vectors)', () => {
  it.each(vectors.consistency)('$size1 → $size2: builds and verifies', (v) => {
    const leaves = leafHashes.slice(0, v.size2);
    expect(consistencyProof(leaves, v.size1).map((p) => p.toString('hex'))).toEqual(v.proof);
    expect(
      verifyConsistency(v.size1, v.size2, rootOf(v.size1), rootOf(v.size2), v.proof.map(hex)),
    ).toBe(true);
  });

  it.each(vectors.consistency.filter((v) => v.proof.length > 0))(
    '$size1 → $size2: every corruption fails',
    (v) => {
      const proof = v.proof.map(hex);
      const [r1, r2] = [rootOf(v.size1), rootOf(v.size2)];
      const bad: [number, number, Buffer, Buffer, Buffer[]][] = [
        [v.size1 - 1, v.size2, r1, r2, proof],
        [v.size1 + 1, v.size2, r1, r2, proof],
        [v.size1 ^ 2, v.size2, r1, r2, proof],
        [v.size1, v.size2 * 2, r1, r2, proof],
        [v.size1, Math.floor(v.size2 / 2), r1, r2, proof],
        [v.size1, v.size2, Buffer.from('WrongRoot'), r2, proof],
        [v.size1, v.size2, r1, Buffer.from('WrongRoot'), proof],
        [v.size1, v.size2, r2, r1, proof],
        [v.size1, v.size2, r1, r2, []],
        [v.size1, v.size2, r1, r2, [...proof, r1]],
        [v.size1, v.size2, r1, r2, [r2, ...proof]],
        [v.size1, v.size2, r1, r2, [proof[0], ...proof]],
        [v.size1, v.size2, r1, r2, proof.slice(0, -1)],
        ...proof.map((_, i): [number, number, Buffer, Buffer, Buffer[]] => [
          v.size1,
          v.size2,
          r1,
          r2,
          proof.map((p, j) => (j === i ? flip(p, 4) : p)),
        ]),
      ];
      for (const [s1, s2, a, b, p] of bad) expect(verifyConsistency(s1, s2, a, b, p)).toBe(false);
    },
  );

  it('verifies the base64 testdata file of transparency-dev/merkle', () => {
    const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
    const { size1, size2, root1, root2, proof } = testdata;
    expect(verifyConsistency(size1, size2, b64(root1), b64(root2), proof.map(b64))).toBe(
      !testdata.wantErr,
    );
  });

  it('treats the empty tree as a prefix of every tree and refuses to go back in time', () => {
    expect(verifyConsistency(0, 5, EMPTY_ROOT, rootOf(5), [])).toBe(true);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, rootOf(5), [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(5, 4, rootOf(5), rootOf(4), [])).toBe(false);
    expect(verifyConsistency(3, 3, rootOf(3), rootOf(4), [])).toBe(false);
  });
});

describe('tree properties (fast-check)', () => {
  const leavesArb = fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 70 });

  it('the compact tree root equals the recursive root at every size', () => {
    fc.assert(
      fc.property(leavesArb, (leaves) => {
        const hashes = leaves.map((l) => leafHash(l));
        const tree = CompactTree.empty();
        return hashes.every((h, i) => {
          tree.append(h);
          return tree.root().equals(subtreeRoot(hashes.slice(0, i + 1)));
        });
      }),
    );
  });

  it('every built inclusion proof verifies, and not for another leaf', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), (leaves, pick) => {
        const hashes = leaves.map((l, i) => leafHash(Buffer.concat([Buffer.from([i]), l])));
        const index = pick % hashes.length;
        const root = subtreeRoot(hashes);
        const proof = inclusionProof(hashes, index);
        const other = (index + 1) % hashes.length;
        return (
          verifyInclusion(index, hashes.length, hashes[index], proof, root) &&
          (other === index || !verifyInclusion(index, hashes.length, hashes[other], proof, root))
        );
      }),
    );
  });

  it('every built consistency proof verifies; a changed old leaf breaks it', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), (leaves, a, b) => {
        const hashes = leaves.map((l, i) => leafHash(Buffer.concat([Buffer.from([i]), l])));
        const size2 = 1 + (a % hashes.length);
        const size1 = 1 + (b % size2);
        const proof = consistencyProof(hashes.slice(0, size2), size1);
        const r1 = subtreeRoot(hashes, 0, size1);
        const r2 = subtreeRoot(hashes, 0, size2);
        const forged = [...hashes.slice(0, size2)];
        forged[size1 - 1] = leafHash(Buffer.from('rewritten'));
        const forgedRoot = subtreeRoot(forged);
        return (
          verifyConsistency(size1, size2, r1, r2, proof) &&
          !verifyConsistency(size1, size2, r1, forgedRoot, consistencyProof(forged, size1))
        );
      }),
    );
  });
});
