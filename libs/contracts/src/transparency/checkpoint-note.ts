/**
 * A signed checkpoint as Onward writes it on `<prefix>checkpoints`: a tlog-checkpoint body in
 * a signed note, signed by the gateway's log key and, once witnessed, cosigned by auditors.
 */
import { NoteError, openNote, parseNote, signNote, type NoteSignature } from './signed-note';
import type { NoteSigner, NoteVerifier } from './note-keys';
import { ED25519_COSIGNATURE_TYPE } from './signature-types';
import { formatCheckpoint, parseCheckpoint, type Checkpoint } from './tlog-checkpoint';

/** The signed note of `checkpoint` by the log key. */
export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/** A checkpoint whose log signature verified. */
export interface OpenedCheckpoint extends Checkpoint {
  /** The note text that was signed. */
  text: string;
  /** The log key that signed it. */
  signedBy: NoteVerifier;
  /** Cosigner keys (among those given) whose cosignature verified. */
  cosignedBy: NoteVerifier[];
  signatures: NoteSignature[];
}

/**
 * Opens a checkpoint note: at least one of `logKeys` (type 0x01) must have signed it, every
 * known key's line must verify, and, when given, the origin must be `expectedOrigin`.
 * `witnessKeys` (type 0x04) are checked the same way and reported in `cosignedBy`.
 * Throws NoteError (or CheckpointFormatError) otherwise.
 */
export function openCheckpoint(
  note: string,
  logKeys: readonly NoteVerifier[],
  witnessKeys: readonly NoteVerifier[] = [],
  expectedOrigin?: string,
): OpenedCheckpoint {
  const opened = openNote(note, [...logKeys, ...witnessKeys]);
  const signedBy = opened.verifiedBy.find((v) => logKeys.includes(v));
  if (!signedBy) throw new NoteError('checkpoint is not signed by a log key');
  const checkpoint = parseCheckpoint(opened.text);
  if (expectedOrigin !== undefined && checkpoint.origin !== expectedOrigin) {
    throw new NoteError('checkpoint is for another log');
  }
  const cosignedBy = opened.verifiedBy.filter(
    (v) => v.type === ED25519_COSIGNATURE_TYPE && witnessKeys.includes(v),
  );
  return { ...checkpoint, text: opened.text, signedBy, cosignedBy, signatures: opened.signatures };
}

/** The checkpoint in a note without checking any signature (for display and routing only). */
export function peekCheckpoint(note: string): Checkpoint {
  return parseCheckpoint(parseNote(note).text);
}
