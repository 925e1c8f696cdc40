/** Whole-array verification of one partition's audit chain, e.g. for a CLI `verify`. */
import type { AuditEvent } from './audit-event';
import { type ChainAlert, ChainVerifier, type ChainVerifierOptions } from './audit-chain.verifier';
import { parseAuditEvent, validateAuditEvent } from './parse';

/** Options of `verifyChain`. */
export interface VerifyChainOptions extends ChainVerifierOptions {
  /** The partition of the chain; default: the partition of the first readable event, else 0. */
  partition?: number;
  /** The offset of the first element; element i is reported at `firstOffset + i`. Default 0. */
  firstOffset?: number;
}

function partitionOf(events: readonly (AuditEvent | Buffer | string | null)[]): number | undefined {
  for (const input of events) {
    const parsed =
      typeof input === 'string' || Buffer.isBuffer(input)
        ? parseAuditEvent(input)
        : validateAuditEvent(input);
    if (parsed.ok) return parsed.value.partition;
  }
  return undefined;
}

/**
 * Verifies a whole partition's chain given in order (e.g. by a CLI `verify`) and returns every
 * alert, including the verdict on a record held back at the end. No alert: the chain is intact
 * (except for a tail truncation, which no hash chain can show).
 */
export function verifyChain(
  events: readonly (AuditEvent | Buffer | string | null)[],
  options: VerifyChainOptions = {},
): ChainAlert[] {
  const verifier = new ChainVerifier(options.partition ?? partitionOf(events) ?? 0, options);
  const first = options.firstOffset ?? 0;
  const alerts = events.flatMap((event, index) => verifier.accept(event, first + index).alerts);
  return [...alerts, ...verifier.flush()];
}
