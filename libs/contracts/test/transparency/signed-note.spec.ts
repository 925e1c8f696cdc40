import {
  checkpointOrigin,
  cosignatureLine,
  cosignatureTimestamp,
  ED25519_COSIGNATURE_TYPE,
  ED25519_NOTE_TYPE,
  formatCheckpoint,
  generateNoteKey,
  NoteError,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  signNote,
  subtreeRoot,
  leafHash,
  verifyCosignature,
} from '@app/contracts';
import fc from 'fast-check';
import vectors from './vectors/signed-note.json';

describe('signed notes (golang.org/x/mod sumdb/note vector)', () => {
  it('signs the reference text byte for byte as the Go implementation does', () => {
    const signer = parseSignerKey(vectors.signerKey);
    expect(signNote(vectors.text, [signer])).toBe(vectors.note);
  });

  it('opens the reference note with its verifier key, and names the key', () => {
    const verifier = parseVerifierKey(vectors.verifierKey);
    const opened = openNote(vectors.note, [verifier]);
    expect(opened.text).toBe(vectors.text);
    expect(opened.verifiedBy.map((v) => v.name)).toEqual(['PeterNeumann']);
  });

  it('rejects a changed text, and a note signed only by unknown keys', () => {
    const verifier = parseVerifierKey(vectors.verifierKey);
    const changed = vectors.note.replace('cryptography', 'cryptographY');
    expect(() => openNote(changed, [verifier])).toThrow(NoteError);
    const other = parseVerifierKey(generateNoteKey('PeterNeumann', ED25519_NOTE_TYPE).verifier);
    expect(() => openNote(vectors.note, [other])).toThrow('no signature from a known key');
  });

  it('refuses keys whose key ID does not match, and mangled keys', () => {
    const bad = vectors.verifierKey.replace('c74f20a3', 'c74f20a4');
    expect(() => parseVerifierKey(bad)).toThrow(RangeError);
    expect(() => parseVerifierKey(vectors.verifierKey.slice(0, -2))).toThrow(RangeError);
    expect(() => parseVerifierKey('PeterNeumann+c74f20a3')).toThrow(RangeError);
  });

  it('reads the timestamp of a published cosignature and its cosigner key', () => {
    const key = parseVerifierKey(vectors.cosignatureVerifierKey);
    expect(key.type).toBe(ED25519_COSIGNATURE_TYPE);
    const blob = Buffer.from(vectors.cosignatureBlob, 'base64');
    const sig = { name: 'w', keyId: blob.readUInt32BE(0), signature: blob.subarray(4) };
    expect(cosignatureTimestamp(sig)).toBe(vectors.cosignatureTimestamp);
  });

  it('refuses malformed notes', () => {
    expect(() => parseNote('text\n')).toThrow(NoteError);
    expect(() => parseNote('text\n\nnot a signature\n')).toThrow(NoteError);
    expect(() => parseNote('te\u0007xt\n\n\u2014 a AAAAAAA=\n')).toThrow(NoteError);
    expect(() => signNote('no newline', [parseSignerKey(vectors.signerKey)])).toThrow(NoteError);
  });

  it('round-trips any text through sign and open (fast-check)', () => {
    const key = generateNoteKey('example.org/log', ED25519_NOTE_TYPE);
    const signer = parseSignerKey(key.signer);
    const verifier = parseVerifierKey(key.verifier);
    const line = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((s) => [...s].every((c) => c.charCodeAt(0) >= 0x20));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
        const text = `${lines.join('\n')}\n`;
        return openNote(signNote(text, [signer]), [verifier]).text === text;
      }),
    );
  });
});

describe('checkpoints and cosignatures', () => {
  const log = generateNoteKey('onward/test/privacy.audit/3', ED25519_NOTE_TYPE);
  const witness = generateNoteKey('auditor.example/w1', ED25519_COSIGNATURE_TYPE);
  const root = subtreeRoot([leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))]);
  const checkpoint = {
    origin: checkpointOrigin('test', 'privacy.audit', 3),
    size: 2,
    rootHash: root,
  };

  it('formats the three lines of c2sp tlog-checkpoint and reads them back', () => {
    const text = formatCheckpoint(checkpoint);
    expect(text).toBe(`onward/test/privacy.audit/3\n2\n${root.toString('base64')}\n`);
    expect(parseCheckpoint(text)).toEqual(checkpoint);
    expect(() => parseCheckpoint(`${text}extension\n`)).toThrow();
    expect(() => parseCheckpoint(text.replace('\n2\n', '\n02\n'))).toThrow();
  });

  it('a cosignature verifies over the checkpoint and fails for another checkpoint', () => {
    const note = signCheckpoint(checkpoint, parseSignerKey(log.signer));
    const text = formatCheckpoint(checkpoint);
    const line = cosignatureLine(parseSignerKey(witness.signer), text, 1_700_000_000);
    const cosigned = note + line;
    const opened = openCheckpoint(
      cosigned,
      [parseVerifierKey(log.verifier)],
      [parseVerifierKey(witness.verifier)],
      checkpoint.origin,
    );
    expect(opened.size).toBe(2);
    expect(opened.cosignedBy.map((k) => k.name)).toEqual(['auditor.example/w1']);
    const sig = parseNote(cosigned).signatures[1];
    expect(cosignatureTimestamp(sig)).toBe(1_700_000_000);
    const w = parseVerifierKey(witness.verifier);
    expect(verifyCosignature(w, text, sig)).toBe(true);
    expect(verifyCosignature(w, text.replace('\n2\n', '\n3\n'), sig)).toBe(false);
  });

  it('a cosignature cannot pass for the log signature, nor the other way round', () => {
    const text = formatCheckpoint(checkpoint);
    const onlyCosigned = `${text}\n${cosignatureLine(parseSignerKey(witness.signer), text, 1)}`;
    expect(() =>
      openCheckpoint(
        onlyCosigned,
        [parseVerifierKey(log.verifier)],
        [parseVerifierKey(witness.verifier)],
      ),
    ).toThrow('not signed by a log key');
  });

  it('refuses a checkpoint of another partition when the origin is expected', () => {
    const note = signCheckpoint(checkpoint, parseSignerKey(log.signer));
    expect(() =>
      openCheckpoint(
        note,
        [parseVerifierKey(log.verifier)],
        [],
        checkpointOrigin('test', 'privacy.audit', 4),
      ),
    ).toThrow('another log');
  });

  it('accepts a checkpoint signed by any key of a rotation list', () => {
    const next = generateNoteKey('onward/test/privacy.audit/3', ED25519_NOTE_TYPE);
    const note = signCheckpoint(checkpoint, parseSignerKey(next.signer));
    const keys = [parseVerifierKey(log.verifier), parseVerifierKey(next.verifier)];
    expect(openCheckpoint(note, keys).signedBy.keyId).toBe(keys[1].keyId);
  });
});
