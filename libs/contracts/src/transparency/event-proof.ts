/**
 * A receipt that one audit event is in the log: the event, its inclusion proof and the
 * (co)signed checkpoint it is proved against. Anyone holding the log's public key (and,
 * optionally, witnesses' keys) checks it offline, without the broker or the auditor's store.
 */
import type { AuditEvent } from '../audit-event';
import { hashEvent } from '../audit-chain';
import { auditLeafHash } from './audit-leaf';
import { openCheckpoint, type OpenedCheckpoint } from './checkpoint-note';
import { verifyInclusion } from './inclusion-proof';
import type { NoteVerifier } from './note-keys';

/** Format tag of {@link EventProof}. */
export const EVENT_PROOF_FORMAT = 'onward-event-proof/v1';

/** What `GET /api/events/:eventId/proof` returns and `onward proof verify` reads. */
export interface EventProof {
  format: typeof EVENT_PROOF_FORMAT;
  event: AuditEvent;
  /** The leaf index: the event's seq. */
  leafIndex: number;
  /** The size of the tree the proof and checkpoint are for. */
  treeSize: number;
  /** RFC 9162 inclusion path, base64 hashes. */
  inclusionProof: string[];
  /** The checkpoint as a signed note (log signature and any cosignatures). */
  checkpoint: string;
}

/** The outcome of {@link verifyEventProof}. */
export type EventProofCheck =
  { ok: true; checkpoint: OpenedCheckpoint } | { ok: false; reason: string };

/** Options of {@link verifyEventProof}. */
export interface EventProofKeys {
  /** Verifier keys of the log (type 0x01): any one must have signed. */
  logKeys: readonly NoteVerifier[];
  /** Verifier keys of witnesses (type 0x04). */
  witnessKeys?: readonly NoteVerifier[];
  /** How many of `witnessKeys` must have cosigned (default 0). */
  minCosignatures?: number;
}

/**
 * Checks a receipt: the event's own chain hash, the log's signature on the checkpoint, that
 * the checkpoint is the event's partition's log, and that the inclusion path leads from the
 * event's leaf to the checkpoint's root. Never throws on bad input: it names what failed.
 */
export function verifyEventProof(proof: EventProof, keys: EventProofKeys): EventProofCheck {
  const fail = (reason: string): EventProofCheck => ({ ok: false, reason });
  if (proof === null || typeof proof !== 'object' || proof.format !== EVENT_PROOF_FORMAT) {
    return fail('not an onward event proof');
  }
  const { event, leafIndex, treeSize, inclusionProof, checkpoint } = proof;
  if (!event || typeof event !== 'object' || typeof checkpoint !== 'string') {
    return fail('proof is incomplete');
  }
  if (!Array.isArray(inclusionProof) || inclusionProof.some((h) => typeof h !== 'string')) {
    return fail('inclusion proof is malformed');
  }
  let opened: OpenedCheckpoint;
  let leaf: Buffer;
  try {
    if (hashEvent(event) !== event.hash) return fail('event does not match its own hash');
    leaf = auditLeafHash(event);
    opened = openCheckpoint(checkpoint, keys.logKeys, keys.witnessKeys ?? []);
  } catch (err) {
    return fail(`checkpoint or event rejected: ${(err as Error).message}`);
  }
  if (!opened.origin.endsWith(`/${event.partition}`)) {
    return fail('checkpoint is for another partition');
  }
  if (event.seq !== leafIndex) return fail('leaf index is not the event seq');
  if (opened.size !== treeSize) return fail('tree size differs from the checkpoint');
  const path = inclusionProof.map((h) => Buffer.from(h, 'base64'));
  // Only canonical base64: unused low bits must not let two spellings pass for one proof.
  if (path.some((h, i) => h.toString('base64') !== inclusionProof[i])) {
    return fail('inclusion proof is malformed');
  }
  if (!verifyInclusion(leafIndex, treeSize, leaf, path, opened.rootHash)) {
    return fail('inclusion proof does not lead to the checkpoint root');
  }
  if (opened.cosignedBy.length < (keys.minCosignatures ?? 0)) {
    return fail('not enough witness cosignatures');
  }
  return { ok: true, checkpoint: opened };
}
