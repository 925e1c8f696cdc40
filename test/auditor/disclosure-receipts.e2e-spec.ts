// Receipts in a subject's disclosure report (issue 13): `?receipts=true` gives each disclosure
// its inclusion proof and the cosigned checkpoint; `onward proof verify` checks the whole
// report offline with the log's and the witness's public keys, and a changed byte fails it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  ED25519_COSIGNATURE_TYPE,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  parseVerifierKey,
} from '@app/contracts';
import { run as runCli } from '../../apps/cli/src/program';
import {
  checkReportReceipts,
  type ReceiptedReport,
} from '../../apps/cli/src/commands/report-receipts';
import { startAuditor, type RunningAuditor } from '../support/auditor/auditor-process';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const log = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const witness = generateNoteKey('onward.test/auditor', ED25519_COSIGNATURE_TYPE);
const instructor = recipient('instructor');
const SUBJECT = 'rc-s-0';
const keys = {
  logKeys: [parseVerifierKey(log.verifier)],
  witnessKeys: [parseVerifierKey(witness.verifier)],
  minCosignatures: 1,
};

/** Runs `onward proof verify` on `file` with both keys; exit code and stdout. */
async function proofVerify(file: string): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (b: Buffer) => (out += b.toString()));
  const argv = ['proof', 'verify', file, '--key', log.verifier];
  argv.push('--witness-key', witness.verifier, '--min-cosignatures', '1');
  const code = await runCli(argv, {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    env: {},
  });
  return { code, out };
}

/** A copy of `report` with character `i` of disclosure 0's receipt JSON swapped, or null. */
function withChangedByte(report: ReceiptedReport, i: number): ReceiptedReport | null {
  const text = JSON.stringify(report.disclosures[0].receipt);
  const c = text[i];
  if (!/[0-9a-zA-Z]/.test(c)) return null;
  const swapped = c === 'a' ? 'b' : c === '0' ? '1' : /[0-9]/.test(c) ? '0' : 'a';
  try {
    const receipt = JSON.parse(text.slice(0, i) + swapped + text.slice(i + 1)) as unknown;
    return { ...report, disclosures: [{ ...report.disclosures[0], receipt } as never] };
  } catch {
    return null;
  }
}

describe('receipts in the subject disclosure report', () => {
  const harness = new GatewayHarness(2);
  let auditor: RunningAuditor | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'onward-receipts-'));

  afterAll(async () => {
    await auditor?.close('SIGTERM');
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('carry receipts that verify offline; a changed byte fails them', async () => {
    await harness.startGateway({
      GATEWAY_CHECKPOINT_KEY: log.signer,
      GATEWAY_CHECKPOINT_INTERVAL_MS: '300',
    });
    await harness.connect();
    await harness.putRecipients([instructor]);
    await harness.putSubjects([subject(SUBJECT), subject('rc-s-1')]);
    await harness.startReading([instructor.recipientId]);
    auditor = await startAuditor({
      prefix: harness.prefix,
      env: { AUDITOR_CHECKPOINT_KEYS: log.verifier, AUDITOR_WITNESS_KEY: witness.signer },
    });
    await harness.request(
      Array.from({ length: 12 }, (_, i) =>
        shareRequest(`rc-${i}`, `rc-s-${i % 2}`, instructor.recipientId, 'course_administration'),
      ),
    );
    await harness.awaitAllDecided(120_000);
    const path = `/api/subjects/${SUBJECT}/disclosures?receipts=true`;
    const report = await waitFor(
      async () => {
        const r = await auditor!.get<ReceiptedReport>(path);
        const done = r.disclosures.length === 6 && r.disclosures.every((d) => d.receipt);
        return done ? r : null;
      },
      { timeoutMs: 90_000, what: 'six disclosures, each with a receipt' },
    );
    expect(report.disclosures.map((d) => d.receipt?.event.eventId)).toEqual(
      report.disclosures.map((d) => d.eventId),
    );

    const file = join(dir, 'report.json');
    writeFileSync(file, JSON.stringify(report));
    const good = await proofVerify(file);
    expect(good).toMatchObject({ code: 0 });
    expect(good.out).toContain('OK: 6 disclosures');

    // A line that no longer says what its receipted event says fails, through the CLI too.
    const relabelled = structuredClone(report);
    relabelled.disclosures[3].fieldsShared = ['email'];
    writeFileSync(file, JSON.stringify(relabelled));
    const bad = await proofVerify(file);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/FAILED: disclosure 3 .*fieldsShared differs/);

    // Any changed byte of a receipt (event, inclusion proof or checkpoint) fails it.
    const receiptLength = JSON.stringify(report.disclosures[0].receipt).length;
    let changed = 0;
    for (let i = 0; i < receiptLength; i += 1) {
      const forged = withChangedByte(report, i);
      if (!forged) continue;
      changed += 1;
      expect({ at: i, ok: checkReportReceipts(forged, keys).ok }).toEqual({ at: i, ok: false });
    }
    expect(changed).toBeGreaterThan(500);

    // Receipts are JSON only, and the flag is a boolean.
    const status = async (query: string) =>
      (
        await auditor!.raw(`/api/subjects/${SUBJECT}/disclosures?${query}`, {
          headers: { authorization: `Bearer ${auditor!.token}` },
        })
      ).status;
    expect(await status('receipts=true&format=csv')).toBe(400);
    expect(await status('receipts=yes')).toBe(400);
    expect(await status('receipts=false')).toBe(200);
  });
});
