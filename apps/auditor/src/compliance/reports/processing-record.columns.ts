import { type CsvCell, toCsv } from './csv';
import type {
  ProcessingRecipient,
  ProcessingRecord,
  TransferRecord,
} from './processing-record.service';

/** One column of the record of processing: its key, its heading, and its cell. */
export interface ProcessingColumn {
  key: string;
  label: string;
  /** Approximate width in characters, for the spreadsheet. */
  width: number;
  value: (r: ProcessingRecipient) => CsvCell;
}

const list = (values: readonly string[]): string => values.join('; ');

/** A transfer as one line: `US: contract DPA-2025-17 (regime eu_gdpr) ×3`. */
export function transferText(t: TransferRecord): string {
  const basis = [t.basis, t.reference].filter(Boolean).join(' ');
  const regime = t.regime ? ` (regime ${t.regime})` : '';
  return `${t.country ?? 'country unknown'}: ${basis}${regime} ×${t.shares}`;
}

/**
 * The columns of the record of processing, defined once: the CSV, the spreadsheet and the
 * page's table are all rendered from them.
 */
export const PROCESSING_COLUMNS: readonly ProcessingColumn[] = [
  { key: 'recipientId', label: 'Recipient id', width: 18, value: (r) => r.recipientId },
  { key: 'name', label: 'Name', width: 28, value: (r) => r.name },
  { key: 'kind', label: 'Kind', width: 18, value: (r) => r.kind },
  { key: 'country', label: 'Country', width: 9, value: (r) => r.country },
  { key: 'address', label: 'Address (as registered then)', width: 40, value: (r) => r.address },
  { key: 'registeredFrom', label: 'Registered from', width: 24, value: (r) => r.registeredFrom },
  {
    key: 'registrationInForce',
    label: 'Registration in force then',
    width: 12,
    value: (r) => r.inForceThen,
  },
  { key: 'purposes', label: 'Purposes', width: 26, value: (r) => list(r.purposes) },
  {
    key: 'categoriesShared',
    label: 'Categories shared',
    width: 34,
    value: (r) => list(r.categoriesShared),
  },
  {
    key: 'transfers',
    label: 'Transfer basis per destination country',
    width: 44,
    value: (r) => list(r.transfers.map(transferText)),
  },
  { key: 'shares', label: 'Shares', width: 9, value: (r) => r.shares },
  { key: 'denials', label: 'Denials', width: 9, value: (r) => r.denials },
  { key: 'firstShare', label: 'First share', width: 24, value: (r) => r.firstShare },
  { key: 'lastShare', label: 'Last share', width: 24, value: (r) => r.lastShare },
];

/** The record of processing as CSV: one row per recipient registration. */
export function processingRecordCsv(report: ProcessingRecord): string {
  return toCsv(
    PROCESSING_COLUMNS.map((c) => c.key),
    report.recipients.map((r) => PROCESSING_COLUMNS.map((c) => c.value(r))),
  );
}
