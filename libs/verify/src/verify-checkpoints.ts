import {
  auditLeafHash,
  auditTreeHeads,
  checkpointOrigin,
  openCheckpoint,
  parseVerifierKey,
  type AuditEvent,
  type CheckpointAlert,
  type NoteVerifier,
  type TreeHead,
} from '@app/contracts';
import type { Kafka } from '@app/runtime';
import { readWholeTopic } from './audit-topic-reader';

/** Leaf hashes of one audit partition, in seq order, as `onward verify` read them. */
export class PartitionLeaves {
  readonly leaves: Buffer[] = [];

  /** Adds the leaf of `event` when it is the next seq (a broken chain is reported elsewhere). */
  add(event: AuditEvent): void {
    if (event.seq === this.leaves.length) this.leaves.push(auditLeafHash(event));
  }
}

/** What the checkpoint check found for one partition. */
export interface CheckpointSummary {
  partition: number;
  signed: number;
  latest: TreeHead | null;
  alerts: CheckpointAlert[];
}

/** Verifier keys from `--checkpoint-key` values or AUDITOR_CHECKPOINT_KEYS (comma/space separated). */
export function parseKeyList(values: readonly string[]): NoteVerifier[] {
  return values
    .flatMap((v) => v.split(/[\s,]+/))
    .filter((v) => v !== '')
    .map((v) => parseVerifierKey(v));
}

/**
 * Reads the whole checkpoints topic and judges every checkpoint against the leaves read from
 * the audit topic: signed by one of `keys` for this partition's origin (else `unverified`),
 * and consistent with the events (else `truncated`, `rewritten` or `fork`).
 */
export async function verifyCheckpoints(
  kafka: Kafka,
  topic: string,
  audit: { topic: string; clusterId: string | null },
  keys: readonly NoteVerifier[],
  leaves: Map<number, { leaves: Buffer[]; complete: boolean }>,
  idleTimeoutMs: number,
): Promise<CheckpointSummary[]> {
  const heads = new Map<number, TreeHead[]>();
  const alerts: CheckpointAlert[] = [];
  await readWholeTopic(
    kafka,
    topic,
    (_p, record) => {
      const partition = Number(record.key?.toString());
      if (!Number.isSafeInteger(partition) || partition < 0) return;
      const origin = audit.clusterId
        ? checkpointOrigin(audit.clusterId, audit.topic, partition)
        : undefined;
      try {
        const opened = openCheckpoint(record.value?.toString('utf8') ?? '', keys, [], origin);
        if (!opened.origin.endsWith(`/${audit.topic}/${partition}`)) throw new Error('origin');
        heads.set(partition, [...(heads.get(partition) ?? []), opened]);
      } catch (error) {
        alerts.push({
          partition,
          size: 0,
          kind: 'unverified',
          detail: `checkpoint at offset ${record.offset} not signed by a trusted key for this log (${(error as Error).message})`,
        });
      }
    },
    idleTimeoutMs,
  );
  const partitions = new Set([...leaves.keys(), ...heads.keys()]);
  return [...partitions]
    .sort((a, b) => a - b)
    .map((partition) => {
      const own = heads.get(partition) ?? [];
      const read = leaves.get(partition) ?? { leaves: [], complete: true };
      const judged = auditTreeHeads(partition, read.leaves, own, read.complete);
      return {
        partition,
        signed: own.length,
        latest: judged.latest,
        // What the events contradict first: an unverified note alone proves nothing was lost.
        alerts: [...judged.alerts, ...alerts.filter((a) => a.partition === partition)],
      };
    });
}

/** One line per partition for `onward verify`. */
export function checkpointLine(s: CheckpointSummary): string {
  const head = `partition ${s.partition}: ${s.signed} signed checkpoint(s)`;
  const latest = s.latest ? `, events confirm size ${s.latest.size}` : '';
  const state =
    s.alerts.length > 0
      ? `BROKEN: ${s.alerts.map((a) => `${a.kind} at size ${a.size} (${a.detail})`).join('; ')}`
      : 'consistent';
  return `${head}${latest}: ${state}`;
}
