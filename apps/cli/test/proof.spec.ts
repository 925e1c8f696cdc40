import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import {
  auditLeafHash,
  checkpointOrigin,
  cosignatureLine,
  ED25519_COSIGNATURE_TYPE,
  ED25519_NOTE_TYPE,
  EVENT_PROOF_FORMAT,
  formatCheckpoint,
  generateNoteKey,
  inclusionProof,
  parseSignerKey,
  signCheckpoint,
  subtreeRoot,
  type EventProof,
} from '@app/contracts';
import { buildChain } from '../../../libs/contracts/test/chain-fixtures';
import { run } from '../src/program';

const log = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const witness = generateNoteKey('onward.test/auditor', ED25519_COSIGNATURE_TYPE);
const dir = mkdtempSync(join(tmpdir(), 'onward-proof-'));

function receipt(): EventProof {
  const events = buildChain(9, 1);
  const hashes = events.map(auditLeafHash);
  const checkpoint = {
    origin: checkpointOrigin('c', 'privacy.audit', 1),
    size: 9,
    rootHash: subtreeRoot(hashes),
  };
  const note =
    signCheckpoint(checkpoint, parseSignerKey(log.signer)) +
    cosignatureLine(parseSignerKey(witness.signer), formatCheckpoint(checkpoint), 1_800_000_000);
  return {
    format: EVENT_PROOF_FORMAT,
    event: events[4],
    leafIndex: 4,
    treeSize: 9,
    inclusionProof: inclusionProof(hashes, 4).map((h) => h.toString('base64')),
    checkpoint: note,
  };
}

async function cli(argv: string[]) {
  const stdout = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (b: Buffer) => out.push(b.toString()));
  const code = await run(argv, {
    stdin: Readable.from(['']),
    stdout,
    stderr: new PassThrough(),
    env: {},
  });
  return { code, text: out.join('') };
}

function file(name: string, proof: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(proof));
  return path;
}

describe('onward proof verify', () => {
  it('checks a receipt offline with the log and witness keys', async () => {
    const { code, text } = await cli([
      'proof',
      'verify',
      file('ok.json', receipt()),
      '--key',
      log.verifier,
      '--witness-key',
      witness.verifier,
      '--min-cosignatures',
      '1',
    ]);
    expect(text).toMatch(
      /^OK: event ev-.* \(partition 1, seq 4\) is in onward\/c\/privacy.audit\/1 at tree size 9; signed by onward.test\/gateway; cosigned by onward.test\/auditor/,
    );
    expect(code).toBe(0);
  });

  it('fails, saying why, when the event was changed', async () => {
    const proof = receipt();
    const changed = { ...proof, event: { ...proof.event, purpose: 'marketing' } };
    const { code, text } = await cli([
      'proof',
      'verify',
      file('bad.json', changed),
      '--key',
      log.verifier,
    ]);
    expect(text).toBe('FAILED: event does not match its own hash\n');
    expect(code).toBe(1);
  });

  it('fails with another log key, and refuses a malformed key', async () => {
    const other = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE).verifier;
    const path = file('ok2.json', receipt());
    expect((await cli(['proof', 'verify', path, '--key', other])).code).toBe(1);
    expect((await cli(['proof', 'verify', path, '--key', 'not-a-key'])).code).toBe(2);
  });
});
