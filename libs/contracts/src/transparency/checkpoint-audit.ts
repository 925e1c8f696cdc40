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
import { sameHash } from './merkle-hash';
import { judgeTreeHead, leavesView, type TreeHeadJudgement } from './tree-head-judgement';

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
 * The witness step for one new verified head of a partition over every leaf hash: see
 * {@link judgeTreeHead}, which the auditor's witness runs over stored nodes instead.
 */
export function witnessTreeHead(
  partition: number,
  leaves: readonly Uint8Array[],
  accepted: TreeHead | null,
  head: TreeHead,
  complete: boolean,
): TreeHeadJudgement {
  return judgeTreeHead(partition, leavesView(leaves), accepted, head, complete);
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
