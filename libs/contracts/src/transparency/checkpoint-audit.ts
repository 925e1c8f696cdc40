/**
 * Judging signed checkpoints against the events an auditor holds (issue 13): the checks that
 * catch what a hash chain cannot, because the operator holds no key to forge them.
 *
 * - `truncated`: the partition's events end before a signed tree size (its tail was cut).
 * - `rewritten`: the events no longer give the root the log signed (rewritten with a fresh,
 *   valid chain, which the chain verifier alone would accept).
 * - `fork`: the log signed a view inconsistent with another view it signed and the events
 *   confirm (or with one a witness already cosigned): two histories were shown.
 * - `unverified`: a checkpoint that no trusted log key signed, or for another log.
 */
import { CompactTree } from './compact-tree';
import { consistencyProof, verifyConsistency } from './consistency-proof';
import { sameHash, subtreeRoot } from './merkle-hash';

/** What is wrong with a checkpoint. */
export type CheckpointAlertKind = 'truncated' | 'rewritten' | 'fork' | 'unverified';

/** An integrity alert about a checkpoint: partition, signed size and kind, always named. */
export interface CheckpointAlert {
  partition: number;
  /** The tree size the checkpoint claims (0 when it could not be read). */
  size: number;
  kind: CheckpointAlertKind;
  detail: string;
}

/** A signed tree head whose signature already verified. */
export interface TreeHead {
  size: number;
  rootHash: Uint8Array;
}

/** Result of {@link auditTreeHeads}. */
export interface TreeHeadAudit {
  alerts: CheckpointAlert[];
  /** The largest head the events confirm (null: none). */
  latest: TreeHead | null;
  /** Heads beyond the events read so far while the read was not complete: judge them later. */
  pending: TreeHead[];
}

/**
 * Judges every verified head of one partition against its leaf hashes (leaf i = event seq i).
 * `complete`: the leaves are all the partition holds (read to its end), so a head beyond them
 * is a truncation rather than events not read yet. O(leaves + heads·log leaves).
 */
export function auditTreeHeads(
  partition: number,
  leaves: readonly Uint8Array[],
  heads: readonly TreeHead[],
  complete: boolean,
): TreeHeadAudit {
  const alerts: CheckpointAlert[] = [];
  const pending: TreeHead[] = [];
  const roots = prefixRoots(
    leaves,
    heads.map((h) => h.size),
  );
  const matching: TreeHead[] = [];
  const mismatching: TreeHead[] = [];
  for (const head of heads) {
    if (head.size > leaves.length) {
      if (complete) {
        alerts.push({
          partition,
          size: head.size,
          kind: 'truncated',
          detail: `events end at ${leaves.length} before the signed tree size ${head.size}`,
        });
      } else pending.push(head);
      continue;
    }
    (sameHash(roots.get(head.size) as Buffer, head.rootHash) ? matching : mismatching).push(head);
  }
  const latest = matching.reduce<TreeHead | null>((a, b) => (a && a.size >= b.size ? a : b), null);
  for (const head of mismatching) {
    // A head the events contradict while another signed head agrees with them: the log
    // signed two views. No signed head agrees at all: the events themselves were replaced.
    alerts.push(
      latest
        ? {
            partition,
            size: head.size,
            kind: 'fork',
            detail: `signed root at size ${head.size} is inconsistent with the signed size ${latest.size} the events confirm`,
          }
        : {
            partition,
            size: head.size,
            kind: 'rewritten',
            detail: `the first ${head.size} events no longer give the signed root`,
          },
    );
  }
  return { alerts, latest, pending };
}

/**
 * The witness step for one new verified head of a partition, given the head the witness last
 * accepted (and cosigned): `accept` (cosign it), `stale` (consistent but not newer),
 * `pending` (events not stored yet) or an alert.
 */
export function witnessTreeHead(
  partition: number,
  leaves: readonly Uint8Array[],
  accepted: TreeHead | null,
  head: TreeHead,
  complete: boolean,
): { outcome: 'accept' | 'stale' | 'pending' } | { outcome: 'alert'; alert: CheckpointAlert } {
  const alert = (kind: CheckpointAlertKind, detail: string) =>
    ({ outcome: 'alert', alert: { partition, size: head.size, kind, detail } }) as const;
  const signedSize = Math.max(head.size, accepted?.size ?? 0);
  if (signedSize > leaves.length) {
    return complete
      ? alert(
          'truncated',
          `events end at ${leaves.length} before the signed tree size ${head.size}`,
        )
      : { outcome: 'pending' };
  }
  const root = subtreeRoot(leaves, 0, head.size);
  const acceptedHolds =
    accepted === null ||
    (accepted.size <= leaves.length &&
      sameHash(subtreeRoot(leaves, 0, accepted.size), accepted.rootHash));
  if (!sameHash(root, head.rootHash)) {
    return acceptedHolds
      ? alert(
          'fork',
          `signed root at size ${head.size} is inconsistent with the cosigned size ${accepted?.size ?? 0}`,
        )
      : alert(
          'rewritten',
          `the stored events no longer give the cosigned root at size ${accepted?.size ?? 0}`,
        );
  }
  if (accepted && !acceptedHolds) {
    return alert(
      'rewritten',
      `the stored events no longer give the cosigned root at size ${accepted.size}`,
    );
  }
  if (accepted && head.size < accepted.size) return { outcome: 'stale' };
  if (accepted) {
    // The append-only promise, checked the way any client would: a consistency proof.
    const proof = consistencyProof(leaves.slice(0, head.size), accepted.size);
    if (!verifyConsistency(accepted.size, head.size, accepted.rootHash, head.rootHash, proof)) {
      return alert('fork', `no consistency proof from the cosigned size ${accepted.size}`);
    }
    if (head.size === accepted.size) return { outcome: 'stale' };
  }
  return { outcome: 'accept' };
}

/** The roots of the prefixes of `leaves` at each of `sizes` (those within the leaves). */
function prefixRoots(leaves: readonly Uint8Array[], sizes: readonly number[]): Map<number, Buffer> {
  const wanted = [...new Set(sizes.filter((s) => s >= 0 && s <= leaves.length))].sort(
    (a, b) => a - b,
  );
  const roots = new Map<number, Buffer>();
  const tree = CompactTree.empty();
  let next = 0;
  for (const size of wanted) {
    while (tree.size < size) tree.append(leaves[next++]);
    roots.set(size, tree.root());
  }
  return roots;
}
