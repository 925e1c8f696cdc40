import {
  auditLeafHash,
  checkpointOrigin,
  ED25519_COSIGNATURE_TYPE,
  ED25519_NOTE_TYPE,
  EVENT_PROOF_FORMAT,
  formatCheckpoint,
  generateNoteKey,
  inclusionProof,
  parseSignerKey,
  parseVerifierKey,
  signCheckpoint,
  cosignatureLine,
  subtreeRoot,
  verifyEventProof,
  type EventProof,
} from '@app/contracts';
import { buildChain } from '../chain-fixtures';

const log = generateNoteKey('onward/test/privacy.audit/2', ED25519_NOTE_TYPE);
const witness = generateNoteKey('auditor.example/w1', ED25519_COSIGNATURE_TYPE);
const keys = {
  logKeys: [parseVerifierKey(log.verifier)],
  witnessKeys: [parseVerifierKey(witness.verifier)],
  minCosignatures: 1,
};

function proofFor(index: number, size = 11): EventProof {
  const events = buildChain(size, 2);
  const hashes = events.map(auditLeafHash);
  const checkpoint = {
    origin: checkpointOrigin('test', 'privacy.audit', 2),
    size,
    rootHash: subtreeRoot(hashes),
  };
  const note = signCheckpoint(checkpoint, parseSignerKey(log.signer));
  const cosig = cosignatureLine(parseSignerKey(witness.signer), formatCheckpoint(checkpoint), 1);
  return {
    format: EVENT_PROOF_FORMAT,
    event: events[index],
    leafIndex: index,
    treeSize: size,
    inclusionProof: inclusionProof(hashes, index).map((h) => h.toString('base64')),
    checkpoint: note + cosig,
  };
}

describe('event proofs (receipts)', () => {
  it('a genuine receipt verifies offline with the log and witness keys', () => {
    for (const index of [0, 5, 10]) expect(verifyEventProof(proofFor(index), keys).ok).toBe(true);
  });

  it('fails when any byte of the event, the proof or the checkpoint changes', () => {
    const proof = proofFor(6);
    const text = JSON.stringify(proof);
    let tried = 0;
    // Change each character of every value (not of the JSON punctuation) and re-verify.
    for (let i = 0; i < text.length; i += 1) {
      const mutated = mutateAt(text, i);
      if (mutated === null) continue;
      let parsed: EventProof;
      try {
        parsed = JSON.parse(mutated) as EventProof;
      } catch {
        continue; // not JSON any more: a reader refuses it before verifying
      }
      if (JSON.stringify(parsed) === text) continue;
      tried += 1;
      expect({ at: i, ok: verifyEventProof(parsed, keys).ok }).toEqual({ at: i, ok: false });
    }
    expect(tried).toBeGreaterThan(1000);
  });

  it('names the failure: missing cosignature, wrong partition, unknown key', () => {
    const proof = proofFor(3);
    const logOnly = {
      ...proof,
      checkpoint: proof.checkpoint.split('\n').slice(0, 5).join('\n') + '\n',
    };
    expect(verifyEventProof(logOnly, keys)).toEqual({
      ok: false,
      reason: 'not enough witness cosignatures',
    });
    const other = parseVerifierKey(generateNoteKey('onward/x', ED25519_NOTE_TYPE).verifier);
    expect(verifyEventProof(proof, { logKeys: [other] }).ok).toBe(false);
  });
});

/** The text with the character at `i` replaced by another of its class, or null to skip. */
function mutateAt(text: string, i: number): string | null {
  const c = text[i];
  let replacement: string;
  if (/[0-9]/.test(c)) replacement = c === '9' ? '8' : String(Number(c) + 1);
  else if (/[a-zA-Z]/.test(c))
    replacement = c === 'z' || c === 'Z' ? 'y' : String.fromCharCode(c.charCodeAt(0) + 1);
  else if (c === '+' || c === '/') replacement = c === '+' ? '/' : '+';
  else return null;
  return text.slice(0, i) + replacement + text.slice(i + 1);
}
