import {
  CompactTree,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  leafHash,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
} from '@app/contracts';
import { decodeTree, encodeCheckpoint } from '../kafka/chain-checkpoint';
import { CheckpointSigner } from './checkpoint-signer';

const key = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const signer = new CheckpointSigner(parseSignerKey(key.signer), 'c1', 'privacy.audit', {
  everyEvents: 3,
  intervalMs: 1000,
});

function treeOf(size: number): CompactTree {
  const tree = CompactTree.empty();
  for (let i = 0; i < size; i += 1) tree.append(leafHash(Buffer.from([i])));
  return tree;
}

describe('CheckpointSigner', () => {
  it('is due after N events, after T ms with new events, and at once after opening', () => {
    expect(signer.isDue(treeOf(0), null, 0)).toBe(false);
    expect(signer.isDue(treeOf(1), null, 0)).toBe(true);
    expect(signer.isDue(treeOf(2), { size: 0, atMs: 0 }, 10)).toBe(false);
    expect(signer.isDue(treeOf(3), { size: 0, atMs: 0 }, 10)).toBe(true);
    expect(signer.isDue(treeOf(1), { size: 0, atMs: 0 }, 1000)).toBe(true);
    expect(signer.isDue(treeOf(4), { size: 4, atMs: 0 }, 99_999)).toBe(false);
  });

  it('writes a record keyed by partition whose note opens with the verifier key', () => {
    const record = signer.record(5, treeOf(9));
    expect(record.key).toBe('5');
    const opened = openCheckpoint(String(record.value), [parseVerifierKey(key.verifier)]);
    expect(opened).toMatchObject({ origin: 'onward/c1/privacy.audit/5', size: 9 });
    expect(opened.rootHash).toEqual(treeOf(9).root());
  });
});

describe('the tree beside the chain tip in the offset metadata', () => {
  it('round-trips, stays under the 4096-byte metadata limit, and must match the tip', () => {
    // 2^40 - 1 events: 40 subtree roots, the most any partition will ever need.
    const peaks = Array.from({ length: 40 }, (_, i) =>
      leafHash(Buffer.from([i])).toString('base64'),
    );
    const tree = CompactTree.fromState({ size: 2 ** 40 - 1, peaks });
    const metadata = encodeCheckpoint({ seq: tree.size - 1, hash: 'sha256:x' }, tree);
    expect(metadata.length).toBeLessThan(4096);
    expect(decodeTree(metadata, { seq: tree.size - 1, hash: 'sha256:x' })?.root()).toEqual(
      tree.root(),
    );
    expect(decodeTree(metadata, { seq: tree.size, hash: 'sha256:x' })).toBeNull();
    expect(decodeTree(encodeCheckpoint({ seq: 3, hash: 'h' }), { seq: 3, hash: 'h' })).toBeNull();
  });
});
