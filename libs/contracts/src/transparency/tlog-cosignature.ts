/**
 * C2SP tlog-cosignature (c2sp.org/tlog-cosignature), Ed25519 type 0x04: a witness signs
 *
 *   "cosignature/v1\ntime <POSIX seconds>\n" || checkpoint note text
 *
 * and its signature line carries base64(key ID || u64 big-endian timestamp || signature).
 * A cosignature says: as of that time, this is the largest consistent tree the witness saw.
 */
import type { NoteSigner, NoteVerifier } from './note-keys';
import { ED25519_COSIGNATURE_TYPE } from './signature-types';
import type { NoteSignature } from './signed-note';

const HEADER = 'cosignature/v1\n';

/** The message a cosigner signs for `checkpointText` at `timestamp` (POSIX seconds). */
export function cosignedMessage(checkpointText: string, timestamp: number): string {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError('bad timestamp');
  return `${HEADER}time ${timestamp}\n${checkpointText}`;
}

/** A cosignature line by `cosigner` (a type 0x04 signer) over `checkpointText`. */
export function cosignatureLine(
  cosigner: NoteSigner,
  checkpointText: string,
  timestamp: number,
): string {
  if (cosigner.type !== ED25519_COSIGNATURE_TYPE) throw new RangeError('not a cosigner key');
  const head = Buffer.alloc(12);
  head.writeUInt32BE(cosigner.keyId, 0);
  head.writeBigUInt64BE(BigInt(timestamp), 4);
  const signature = cosigner.sign(cosignedMessage(checkpointText, timestamp));
  return `\u2014 ${cosigner.name} ${Buffer.concat([head, signature]).toString('base64')}\n`;
}

/** The timestamp of a cosignature, or null when the line's bytes are not one. */
export function cosignatureTimestamp(signature: NoteSignature): number | null {
  if (signature.signature.length !== 8 + 64) return null;
  const t = signature.signature.readBigUInt64BE(0);
  return t <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(t) : null;
}

/**
 * True when `signature` is a valid cosignature of `verifier` (type 0x04, same name and key
 * ID) over `checkpointText`.
 */
export function verifyCosignature(
  verifier: NoteVerifier,
  checkpointText: string,
  signature: NoteSignature,
): boolean {
  if (verifier.type !== ED25519_COSIGNATURE_TYPE) return false;
  if (signature.name !== verifier.name || signature.keyId !== verifier.keyId) return false;
  return verifier.verify(checkpointText, signature.signature);
}
