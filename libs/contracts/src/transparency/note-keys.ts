/**
 * Keys of C2SP signed notes (c2sp.org/signed-note). Ed25519 keys (type 0x01, and 0x04 for
 * tlog-cosignature) are written as the Go `note` package writes them, so keys interoperate
 * with its tools:
 *
 *   signer key   PRIVATE+KEY+<name>+<key ID hex>+base64(0x01 || 32-byte seed)
 *   verifier key <name>+<key ID hex>+base64(0x01 || 32-byte public key)
 *
 * key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import { ED25519_COSIGNATURE_TYPE, ED25519_NOTE_TYPE } from './signature-types';
import { cosignedMessage } from './tlog-cosignature';

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

/** A public key that can check one kind of signature line. */
export interface NoteVerifier {
  name: string;
  keyId: number;
  type: number;
  publicKey: Buffer;
  /**
   * True when `signature` (the bytes after the key ID) is valid over the note `text`; for a
   * cosigner key the bytes are timestamp || signature over the tlog-cosignature message.
   */
  verify(text: string, signature: Buffer): boolean;
}

/** A private key that makes one kind of signature line. */
export interface NoteSigner {
  name: string;
  keyId: number;
  type: number;
  sign(text: string): Buffer;
}

/** Key names are non-empty, with no Unicode space and no `+`. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** SHA-256(name || "\n" || type || publicKey)[:4] as an unsigned 32-bit number. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, type]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** Ed25519 key objects from a 32-byte seed. */
export function ed25519FromSeed(seed: Uint8Array): { privateKey: KeyObject; publicKey: Buffer } {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: Buffer.from(spki.subarray(SPKI_ED25519.length)) };
}

/** An Ed25519 public key object from its 32 raw bytes. */
export function ed25519PublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, raw]), format: 'der', type: 'spki' });
}

function hex8(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** `<name>+<key ID hex>+base64(type || publicKey)`. */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  const id = noteKeyId(name, type, publicKey);
  return `${name}+${hex8(id)}+${Buffer.concat([Buffer.from([type]), publicKey]).toString('base64')}`;
}

/** `PRIVATE+KEY+<name>+<key ID hex>+base64(type || seed)`. */
export function formatSignerKey(name: string, type: number, seed: Uint8Array): string {
  const { publicKey } = ed25519FromSeed(seed);
  const id = noteKeyId(name, type, publicKey);
  return `PRIVATE+KEY+${name}+${hex8(id)}+${Buffer.concat([Buffer.from([type]), seed]).toString('base64')}`;
}

/** The parts of an encoded key; throws RangeError when it is not one. */
function splitKey(text: string, parts: number): { name: string; id: number; material: Buffer } {
  const fields = text.trim().split('+');
  // The base64 tail may itself contain '+': rejoin everything after the fixed fields.
  if (fields.length < parts) throw new RangeError('malformed key');
  const fixed = fields.slice(0, parts - 1);
  const material = Buffer.from(fields.slice(parts - 1).join('+'), 'base64');
  const name = fixed[fixed.length - 2];
  const idHex = fixed[fixed.length - 1];
  if (!isValidKeyName(name) || !/^[0-9a-f]{8}$/.test(idHex) || material.length !== 33) {
    throw new RangeError('malformed key');
  }
  return { name, id: parseInt(idHex, 16), material };
}

/** Parses a signer key of type 0x01 or 0x04; throws RangeError when it is not one. */
export function parseSignerKey(text: string): NoteSigner & { publicKey: Buffer; seed: Buffer } {
  if (!text.trim().startsWith('PRIVATE+KEY+')) throw new RangeError('not a signer key');
  const { name, id, material } = splitKey(text.trim().slice('PRIVATE+KEY+'.length), 3);
  const type = material[0];
  if (type !== ED25519_NOTE_TYPE && type !== ED25519_COSIGNATURE_TYPE) {
    throw new RangeError('unsupported key type');
  }
  const seed = Buffer.from(material.subarray(1));
  const { privateKey, publicKey } = ed25519FromSeed(seed);
  if (noteKeyId(name, type, publicKey) !== id) throw new RangeError('key ID does not match key');
  return { name, keyId: id, type, publicKey, seed, sign: (t) => ed25519Sign(privateKey, t) };
}

/** Parses a verifier key of type 0x01 or 0x04; throws RangeError when it is not one. */
export function parseVerifierKey(text: string): NoteVerifier {
  const { name, id, material } = splitKey(text, 3);
  const type = material[0];
  const raw = Buffer.from(material.subarray(1));
  if (type !== ED25519_NOTE_TYPE && type !== ED25519_COSIGNATURE_TYPE) {
    throw new RangeError('unsupported key type');
  }
  if (noteKeyId(name, type, raw) !== id) throw new RangeError('key ID does not match key');
  const key = ed25519PublicKey(raw);
  const verify =
    type === ED25519_NOTE_TYPE
      ? (t: string, sig: Buffer) => sig.length === 64 && ed25519Verify(key, t, sig)
      : (t: string, sig: Buffer) => verifyTimestamped(key, t, sig);
  return { name, keyId: id, type, publicKey: raw, verify };
}

function ed25519Sign(key: KeyObject, text: string): Buffer {
  // Ed25519 takes no digest name: the algorithm comes from the key.
  return cryptoSign(null, Buffer.from(text, 'utf8'), key);
}

function ed25519Verify(key: KeyObject, text: string, signature: Buffer): boolean {
  return cryptoVerify(null, Buffer.from(text, 'utf8'), key, signature);
}

/** A type 0x04 signature: u64 timestamp, then Ed25519 over the cosigned message. */
function verifyTimestamped(key: KeyObject, text: string, sig: Buffer): boolean {
  if (sig.length !== 8 + 64) return false;
  const timestamp = sig.readBigUInt64BE(0);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) return false;
  return ed25519Verify(key, cosignedMessage(text, Number(timestamp)), sig.subarray(8));
}

/** A fresh key pair as the two strings to store: signer key (secret) and verifier key. */
export function generateNoteKey(name: string, type: number): { signer: string; verifier: string } {
  if (!isValidKeyName(name)) throw new RangeError('key names have no spaces and no +');
  const seed = randomBytes(32);
  const { publicKey } = ed25519FromSeed(seed);
  return {
    signer: formatSignerKey(name, type, seed),
    verifier: formatVerifierKey(name, type, publicKey),
  };
}
