// Witness cost (issue 13) before and after stored tree nodes: one partition of N audit events
// (default 100,000) stored in a SQLite witness file, a checkpoint signed every 1,000 events.
// "before" is the former algorithm (read every leaf hash up to the tree size, rehash it all
// for each checkpoint and each proof); "after" is the Witness as it runs (stored nodes and
// compact range). Prints per-checkpoint and per-proof times at the full size and the rows
// read for each, which do not depend on the machine's load. Usage:
//   npm run --silent build && node dist/apps/auditor/bench/witness.bench.js [events]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  auditLeafHash,
  checkpointOrigin,
  CompactTree,
  ED25519_COSIGNATURE_TYPE,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  inclusionProof,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  witnessTreeHead,
  type AuditEvent,
} from '@app/contracts';
import { SqliteWitnessRepository } from '../src/witness/sqlite/sqlite-witness.repository';
import { storedEventProof } from '../src/witness/stored-tree';
import { Witness } from '../src/witness/witness';
import type { WitnessRepository } from '../src/witness/witness.repository';
import { benchChain } from './bench-events';

const PARTITION = 0;
const CHECKPOINT_EVERY = 1000;
const PROOFS = 200;
const logKey = generateNoteKey('bench/gateway', ED25519_NOTE_TYPE);
const witnessKey = generateNoteKey('bench/witness', ED25519_COSIGNATURE_TYPE);
const origin = checkpointOrigin('bench', 'privacy.audit', PARTITION);

/** A repository that counts the leaf hashes and nodes read through it. */
function counting(repo: WitnessRepository) {
  const reads = { leaves: 0, nodes: 0 };
  const wrapped = Object.create(repo) as WitnessRepository;
  wrapped.leafHashes = async (p, from, limit) => {
    const hashes = await repo.leafHashes(p, from, limit);
    reads.leaves += hashes.length;
    return hashes;
  };
  wrapped.nodes = async (p, addresses) => {
    reads.nodes += addresses.length;
    return repo.nodes(p, addresses);
  };
  return { repo: wrapped, reads };
}

/** Milliseconds and rows read per call of `task`, averaged over `n` calls. */
async function measure(
  reads: { leaves: number; nodes: number },
  n: number,
  task: (i: number) => Promise<unknown>,
): Promise<{ ms: number; rowsRead: number }> {
  const rowsBefore = reads.leaves + reads.nodes;
  const start = performance.now();
  for (let i = 0; i < n; i += 1) await task(i);
  const ms = (performance.now() - start) / n;
  return { ms: Number(ms.toFixed(3)), rowsRead: (reads.leaves + reads.nodes - rowsBefore) / n };
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'onward-witness-bench-'));
  const events: AuditEvent[] = benchChain(PARTITION, total);
  const { repo, reads } = counting(SqliteWitnessRepository.open(join(dir, 'w.sqlite')));
  const witness = new Witness(repo, {
    logKeys: [parseVerifierKey(logKey.verifier)],
    cosigner: parseSignerKey(witnessKey.signer),
    clusterId: 'bench',
    auditTopic: 'privacy.audit',
  });
  const tree = CompactTree.empty();
  const notes: string[] = [];
  try {
    const ingestStart = performance.now();
    // The last ten checkpoints (of a full-size tree) are timed as the stream judges them.
    const timedFrom = total - 10 * CHECKPOINT_EVERY;
    const timed = { ms: 0, rows: 0, n: 0 };
    for (let at = 0; at < total; at += CHECKPOINT_EVERY) {
      const batch = events.slice(at, at + CHECKPOINT_EVERY);
      await witness.acceptEvents(PARTITION, batch);
      for (const e of batch) tree.append(auditLeafHash(e));
      const note = signCheckpoint(
        { origin, size: tree.size, rootHash: tree.root() },
        parseSignerKey(logKey.signer),
      );
      notes.push(note);
      const rows = reads.leaves + reads.nodes;
      const start = performance.now();
      const outcome = await witness.acceptCheckpoint(PARTITION, note, true);
      if (at >= timedFrom) {
        timed.ms += performance.now() - start;
        timed.rows += reads.leaves + reads.nodes - rows;
        timed.n += 1;
      }
      if (outcome.outcome !== 'cosigned')
        throw new Error(`checkpoint ${tree.size}: ${outcome.outcome}`);
    }
    const ingestMs = performance.now() - ingestStart;
    const [head] = await repo.cosignedHeads();
    const previous = openCheckpoint(notes[notes.length - 2], [parseVerifierKey(logKey.verifier)]);
    const last = openCheckpoint(notes[notes.length - 1], [parseVerifierKey(logKey.verifier)]);
    const leaves = await Promise.all(
      Array.from({ length: PROOFS }, (_, i) =>
        repo.leafOfEvent(events[Math.floor((i * total) / PROOFS)].eventId),
      ),
    );
    const runs = 5;
    const before = {
      // The former judgement of the stream's last checkpoint, against the one before it.
      checkpoint: await measure(reads, runs, async () => {
        const hashes = await repo.leafHashes(PARTITION, 0, last.size);
        witnessTreeHead(PARTITION, hashes, previous, last, true);
      }),
      proof: await measure(reads, runs, async (i) => {
        const leaf = leaves[i]!;
        inclusionProof(await repo.leafHashes(PARTITION, 0, head.size), leaf.seq);
      }),
    };
    const after = {
      checkpoint: {
        ms: Number((timed.ms / timed.n).toFixed(3)),
        rowsRead: timed.rows / timed.n,
      },
      proof: await measure(reads, PROOFS, (i) => storedEventProof(repo, leaves[i]!, head)),
    };
    const ratio = (a: number, b: number) => Number((a / b).toFixed(1));
    process.stdout.write(
      `${JSON.stringify({
        events: total,
        checkpoints: notes.length,
        ingestWithCheckpointsMs: Math.round(ingestMs),
        before,
        after,
        checkpointSpeedup: ratio(before.checkpoint.ms, after.checkpoint.ms),
        proofSpeedup: ratio(before.proof.ms, after.proof.ms),
      })}\n`,
    );
  } finally {
    await repo.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
