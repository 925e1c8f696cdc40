/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the text of a signed note made of the
 * origin line, the tree size in decimal, and the base64 RFC 9162 root hash, each followed by
 * a newline. Onward writes no extension lines and refuses to read a checkpoint with them.
 */
import { HASH_BYTES } from './merkle-hash';

/** The three lines of a checkpoint. */
export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
}

/** Thrown when a checkpoint body is malformed. */
export class CheckpointFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointFormatError';
  }
}

/**
 * The origin of an audit partition's log (DESIGN §7): `onward/<clusterId>/<auditTopic>/<p>`.
 * It names exactly one log, so a checkpoint of one partition can never pass for another's.
 */
export function checkpointOrigin(clusterId: string, auditTopic: string, partition: number): string {
  if (!Number.isSafeInteger(partition) || partition < 0) {
    throw new RangeError('partition must be a non-negative integer');
  }
  const origin = `onward/${clusterId}/${auditTopic}/${partition}`;
  if (!isValidOrigin(origin)) throw new RangeError('cluster id or topic cannot form an origin');
  return origin;
}

function isValidOrigin(origin: string): boolean {
  // eslint-disable-next-line no-control-regex
  return origin.length > 0 && !/[\s+\u0000-\u001f]/u.test(origin);
}

/** The note text of `checkpoint`. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash } = checkpoint;
  if (!isValidOrigin(origin)) throw new CheckpointFormatError('bad origin');
  if (!Number.isSafeInteger(size) || size < 0) throw new CheckpointFormatError('bad size');
  if (rootHash.length !== HASH_BYTES) throw new CheckpointFormatError('bad root hash');
  return `${origin}\n${size}\n${rootHash.toString('base64')}\n`;
}

/** Reads a checkpoint's note text; throws CheckpointFormatError when it is not exactly one. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length !== 4 || lines[3] !== '') {
    throw new CheckpointFormatError('a checkpoint is three lines (no extension lines here)');
  }
  const [origin, sizeText, rootText] = lines;
  if (!isValidOrigin(origin)) throw new CheckpointFormatError('bad origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText)) throw new CheckpointFormatError('bad size');
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) throw new CheckpointFormatError('size too large');
  const rootHash = Buffer.from(rootText, 'base64');
  if (rootHash.length !== HASH_BYTES || rootHash.toString('base64') !== rootText) {
    throw new CheckpointFormatError('bad root hash');
  }
  return { origin, size, rootHash };
}
