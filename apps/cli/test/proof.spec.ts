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

describe('onward proof verify on a disclosure report with receipts', () => {
  /** A one-line report whose line says what the receipted event says. */
  function report(): { subjectId: string | null; disclosures: Record<string, unknown>[] } {
    const proof = receipt();
    const e = proof.event;
    const line = {
      date: e.decidedAt,
      eventId: e.eventId,
      recipient: { recipientId: e.recipientId },
      purpose: e.purpose,
      categoriesShared: e.categoriesShared,
      fieldsShared: e.fieldsShared,
      partition: e.partition,
      seq: e.seq,
      receipt: proof,
    };
    return { subjectId: e.subjectId, disclosures: [line, { ...line }] };
  }

  it('checks every receipt and that each line says what its event says', async () => {
    const ok = await cli(['proof', 'verify', file('report.json', report()), '--key', log.verifier]);
    expect(ok.text).toMatch(/^OK: disclosure 0 .*\nOK: disclosure 1 .*\nOK: 2 disclosures\n$/);
    expect(ok.code).toBe(0);
  });

  it('fails a line without a receipt, or one that differs from its event', async () => {
    const missing = report();
    missing.disclosures[1].receipt = null;
    const relabelled = report();
    relabelled.disclosures[0].purpose = 'marketing';
    const otherSubject = { ...report(), subjectId: 'someone-else' };
    const cases: [unknown, RegExp][] = [
      [missing, /FAILED: disclosure 1 .*: no receipt/],
      [relabelled, /FAILED: disclosure 0 .*: the report's purpose differs/],
      [otherSubject, /FAILED: disclosure 0 .*: the report's subjectId differs/],
    ];
    for (const [i, [body, why]] of cases.entries()) {
      const { code, text } = await cli([
        'proof',
        'verify',
        file(`bad-report-${i}.json`, body),
        '--key',
        log.verifier,
      ]);
      expect(text).toMatch(why);
      expect(text).toMatch(/FAILED: 2 disclosures\n$/);
      expect(code).toBe(1);
    }
  });
});
