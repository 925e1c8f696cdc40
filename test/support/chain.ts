import { ChainVerifier, type ChainAlert } from '@app/contracts';
import type { ReadRecord } from './gateway-harness';

/** Runs every audit record through the contracts' verifier, per partition, in offset order. */
export function chainAlerts(auditRecords: ReadRecord[]): ChainAlert[] {
  const byPartition = new Map<number, ReadRecord[]>();
  for (const r of auditRecords)
    byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r]);
  const alerts: ChainAlert[] = [];
  for (const [partition, records] of byPartition) {
    const verifier = new ChainVerifier(partition);
    records.sort((a, b) => Number(BigInt(a.offset) - BigInt(b.offset)));
    for (const r of records) alerts.push(...verifier.accept(r.value ?? '', r.offset).alerts);
  }
  return alerts;
}
