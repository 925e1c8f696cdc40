/**
 * C2SP signed-note (c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line,
 * then one or more lines `— <key name> base64(key ID || signature)`. The text is what is
 * signed; it is separated from the signatures by the last blank line.
 */
import { isValidKeyName, type NoteSigner, type NoteVerifier } from './note-keys';

/** Most signature lines a note may carry here (the spec asks verifiers to take at least 16). */
export const MAX_NOTE_SIGNATURES = 64;
/** Largest note accepted, in bytes. */
export const MAX_NOTE_BYTES = 64 * 1024;

const SIGNATURE_PREFIX = '\u2014 ';
// Control characters other than newline are forbidden anywhere in a note.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROL = /[\u0000-\u0009\u000b-\u001f]/;

/** One signature line of a note. */
export interface NoteSignature {
  name: string;
  keyId: number;
  /** The signature bytes after the key ID. */
  signature: Buffer;
}

/** A note split into its text and its signature lines (nothing verified yet). */
export interface ParsedNote {
  text: string;
  signatures: NoteSignature[];
}

/** Thrown when a note is malformed or carries no valid signature from a known key. */
export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

/** True when `text` can be the text of a note: non-empty, newline-terminated, no controls. */
export function isValidNoteText(text: string): boolean {
  return text.length > 0 && text.endsWith('\n') && !FORBIDDEN_CONTROL.test(text);
}

/** The signature line of `signer` over `text`. */
export function signatureLine(signer: NoteSigner, text: string): string {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(signer.keyId, 0);
  const blob = Buffer.concat([id, signer.sign(text)]).toString('base64');
  return `${SIGNATURE_PREFIX}${signer.name} ${blob}\n`;
}

/** Signs `text` with every signer: the whole note, text + blank line + signature lines. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!isValidNoteText(text)) throw new NoteError('note text is malformed');
  if (signers.length === 0) throw new NoteError('a note needs at least one signature');
  return `${text}\n${signers.map((s) => signatureLine(s, text)).join('')}`;
}

/** Adds signature lines (e.g. a cosignature) to an already signed note. */
export function appendSignatureLines(note: string, lines: readonly string[]): string {
  return note + lines.join('');
}

/** Splits a note into text and signature lines; throws NoteError when it is malformed. */
export function parseNote(note: string): ParsedNote {
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw new NoteError('note too large');
  if (note.includes('\uFFFD') || FORBIDDEN_CONTROL.test(note) || !note.endsWith('\n')) {
    throw new NoteError('note is not well-formed text');
  }
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('note has no signature block');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new NoteError('note has too many signatures');
  const signatures = lines.map(parseSignatureLine);
  if (text.length === 0) throw new NoteError('note text is empty');
  return { text, signatures };
}

function parseSignatureLine(line: string): NoteSignature {
  if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError('malformed signature line');
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  const name = rest.slice(0, space);
  const b64 = rest.slice(space + 1);
  if (space <= 0 || !isValidKeyName(name) || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) {
    throw new NoteError('malformed signature line');
  }
  const blob = Buffer.from(b64, 'base64');
  if (blob.length < 5 || blob.toString('base64') !== b64) {
    throw new NoteError('malformed signature line');
  }
  return { name, keyId: blob.readUInt32BE(0), signature: Buffer.from(blob.subarray(4)) };
}

/** What {@link openNote} found: the text and the verifiers whose signature checked. */
export interface OpenedNote {
  text: string;
  verifiedBy: NoteVerifier[];
  signatures: NoteSignature[];
}

/**
 * Parses `note` and checks it against `verifiers` as the spec says: lines from unknown keys
 * (name and key ID both must match) are ignored, a known key whose signature fails rejects
 * the note, and at least one known key must have signed. Throws NoteError otherwise.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const parsed = parseNote(note);
  const verifiedBy: NoteVerifier[] = [];
  for (const sig of parsed.signatures) {
    const known = verifiers.find((v) => v.name === sig.name && v.keyId === sig.keyId);
    if (!known) continue;
    if (!known.verify(parsed.text, sig.signature)) {
      throw new NoteError(`signature of ${sig.name} does not verify`);
    }
    if (!verifiedBy.includes(known)) verifiedBy.push(known);
  }
  if (verifiedBy.length === 0) throw new NoteError('note has no signature from a known key');
  return { text: parsed.text, verifiedBy, signatures: parsed.signatures };
}
