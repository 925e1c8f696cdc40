import { verifyEventProof, type EventProof, type EventProofKeys } from '@app/contracts';

/** What `onward proof verify` reads of one disclosure line of a report with receipts. */
interface ReceiptedLine {
  eventId: string;
  partition: number;
  seq: number;
  date: string;
  purpose: string | null;
  categoriesShared: string[];
  fieldsShared: string[];
  recipient?: { recipientId?: string };
  receipt: EventProof | null;
}

/** A disclosure report from `GET /api/subjects/:id/disclosures?receipts=true`. */
export interface ReceiptedReport {
  subjectId: string;
  disclosures: ReceiptedLine[];
}

/** True when `value` looks like a disclosure report rather than a single receipt. */
export function isReceiptedReport(value: unknown): value is ReceiptedReport {
  const v = value as Partial<ReceiptedReport> | null;
  return typeof v === 'object' && v !== null && Array.isArray(v.disclosures);
}

/**
 * Checks every receipt of a disclosure report offline: each verifies, and its event is the
 * disclosure the line reports (same event, subject, recipient, purpose, categories, fields and
 * time). One line of text per disclosure; `ok` only when all hold and none lacks a receipt.
 */
export function checkReportReceipts(
  report: ReceiptedReport,
  keys: EventProofKeys,
): { ok: boolean; lines: string[] } {
  const lines = report.disclosures.map((d, i) => {
    const name = `disclosure ${i} (event ${String(d?.eventId)})`;
    if (!d || typeof d !== 'object' || !d.receipt) return `FAILED: ${name}: no receipt`;
    const check = verifyEventProof(d.receipt, keys);
    if (!check.ok) return `FAILED: ${name}: ${check.reason}`;
    const mismatch = differingField(report.subjectId, d);
    if (mismatch) return `FAILED: ${name}: the report's ${mismatch} differs from the event's`;
    return `OK: ${name} is in ${check.checkpoint.origin} at tree size ${check.checkpoint.size}`;
  });
  return { ok: lines.every((l) => l.startsWith('OK')), lines };
}

function differingField(subjectId: string, d: ReceiptedLine): string | null {
  const e = (d.receipt as EventProof).event;
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const pairs: [string, unknown, unknown][] = [
    ['eventId', d.eventId, e.eventId],
    ['subjectId', subjectId, e.subjectId],
    ['partition', d.partition, e.partition],
    ['seq', d.seq, e.seq],
    ['date', d.date, e.decidedAt],
    ['recipient', d.recipient?.recipientId, e.recipientId],
    ['purpose', d.purpose, e.purpose],
    ['categoriesShared', d.categoriesShared, e.categoriesShared],
    ['fieldsShared', d.fieldsShared, e.fieldsShared],
  ];
  return pairs.find(([, a, b]) => !same(a, b))?.[0] ?? null;
}
