import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { verifyEventProof, type EventProof } from '@app/contracts';
import { parseKeyList } from '@app/verify';
import { CliUsageError, EXIT, type CliIo } from '../cli-io';
import { checkReportReceipts, isReceiptedReport, type ReceiptedReport } from './report-receipts';

/** Options of `onward proof verify`. */
export interface ProofVerifyOptions {
  key: string[];
  witnessKey?: string[];
  minCosignatures: string;
}

/** Largest file read: a report carries at most 1000 receipts of a few KiB each. */
const MAX_PROOF_BYTES = 16 * 1024 * 1024;

/**
 * Registers `onward proof verify <file> --key <vkey>…`: checks offline, with nothing but public
 * keys, a receipt from `GET /api/events/:eventId/proof` or every receipt of a disclosure report
 * from `GET /api/subjects/:subjectId/disclosures?receipts=true`.
 */
export function registerProofCommand(
  program: Command,
  io: CliIo,
  guard: (task: () => Promise<number>) => Promise<void>,
): void {
  program
    .command('proof')
    .description('audit log receipts')
    .command('verify')
    .description('check an event receipt offline: event, inclusion proof, signed checkpoint')
    .argument('<file>', 'the JSON receipt, or a disclosure report with receipts')
    .requiredOption('--key <vkey...>', 'log verifier key(s) (rotation: give each)')
    .option('--witness-key <vkey...>', 'witness verifier key(s) whose cosignatures count')
    .option('--min-cosignatures <n>', 'cosignatures required among --witness-key', '0')
    .action((file: string, opts: ProofVerifyOptions) =>
      guard(async () => runProofVerify(io, file, opts)),
    );
}

function runProofVerify(io: CliIo, file: string, opts: ProofVerifyOptions): number {
  const min = Number(opts.minCosignatures);
  if (!Number.isSafeInteger(min) || min < 0) {
    throw new CliUsageError('proof verify: --min-cosignatures must be a whole number');
  }
  let logKeys;
  let witnessKeys;
  try {
    logKeys = parseKeyList(opts.key);
    witnessKeys = parseKeyList(opts.witnessKey ?? []);
  } catch {
    throw new CliUsageError('proof verify: a key is not a signed-note verifier key');
  }
  const proof = readProofFile(file);
  const keys = { logKeys, witnessKeys, minCosignatures: min };
  if (isReceiptedReport(proof)) {
    const checked = checkReportReceipts(proof, keys);
    for (const line of checked.lines) io.stdout.write(`${line}\n`);
    io.stdout.write(`${checked.ok ? 'OK' : 'FAILED'}: ${checked.lines.length} disclosures\n`);
    return checked.ok ? EXIT.ok : EXIT.invalid;
  }
  const check = verifyEventProof(proof, keys);
  if (!check.ok) {
    io.stdout.write(`FAILED: ${check.reason}\n`);
    return EXIT.invalid;
  }
  const { event } = proof;
  const c = check.checkpoint;
  const cosigned = c.cosignedBy.map((k) => k.name).join(', ') || 'no witness';
  io.stdout.write(
    `OK: event ${event.eventId} (partition ${event.partition}, seq ${event.seq}) is in ${c.origin} ` +
      `at tree size ${c.size}; signed by ${c.signedBy.name}; cosigned by ${cosigned}\n`,
  );
  return EXIT.ok;
}

/** A receipt or a report with receipts, as JSON from `file` (bounded). */
function readProofFile(file: string): EventProof | ReceiptedReport {
  try {
    const text = readFileSync(file);
    if (text.length > MAX_PROOF_BYTES) throw new Error('file too large');
    return JSON.parse(text.toString('utf8')) as EventProof | ReceiptedReport;
  } catch (error) {
    throw new CliUsageError(`proof verify: cannot read ${file} (${(error as Error).message})`);
  }
}
