import ExcelJS from 'exceljs';
import { PROCESSING_COLUMNS } from './processing-record.columns';
import type { ProcessingRecord } from './processing-record.service';

const TRANSFER_COLUMNS = [
  { header: 'Recipient id', key: 'recipientId', width: 18 },
  { header: 'Name', key: 'name', width: 28 },
  { header: 'Destination country', key: 'country', width: 12 },
  { header: 'Basis', key: 'basis', width: 18 },
  { header: 'Reference', key: 'reference', width: 22 },
  { header: 'Regime', key: 'regime', width: 14 },
  { header: 'Shares', key: 'shares', width: 9 },
];

/** Cell values as ExcelJS writes them: text stays text (never a formula), numbers numbers. */
const cell = (value: unknown): string | number | boolean | null =>
  value === undefined || value === null ? null : (value as string | number | boolean);

function sheetOf(book: ExcelJS.Workbook, name: string, columns: Partial<ExcelJS.Column>[]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns;
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

/**
 * The record of processing as a spreadsheet: a sheet of recipients (the same columns as the
 * CSV) and a sheet of transfers, one row per destination country and basis. ExcelJS writes
 * every string as a string cell, so a recipient name like `=HYPERLINK(…)` is never a formula.
 */
export async function processingRecordXlsx(report: ProcessingRecord): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Onward auditor';
  const period = `${report.from ?? 'start'} – ${report.to ?? 'now'}`;
  book.title = `Records of processing (GDPR Art. 30(1)(d)–(e)), ${period}`;
  const recipients = sheetOf(
    book,
    'Recipients',
    PROCESSING_COLUMNS.map((c) => ({ header: c.label, key: c.key, width: c.width })),
  );
  for (const r of report.recipients) {
    recipients.addRow(Object.fromEntries(PROCESSING_COLUMNS.map((c) => [c.key, cell(c.value(r))])));
  }
  recipients.autoFilter = { from: 'A1', to: { row: 1, column: PROCESSING_COLUMNS.length } };
  const transfers = sheetOf(book, 'Transfers', TRANSFER_COLUMNS);
  for (const r of report.recipients) {
    for (const t of r.transfers) {
      transfers.addRow({ recipientId: r.recipientId, name: r.name, ...t });
    }
  }
  const about = book.addWorksheet('About');
  about.addRows([
    ['Records of processing, GDPR Art. 30(1)(d)–(e), from the audit stream'],
    ['From', report.from ?? 'the first event'],
    ['To (exclusive)', report.to ?? 'now'],
    ['Recipients', report.totals.recipients],
    ['Shares', report.totals.shares],
    ['Denials', report.totals.denials],
  ]);
  about.getColumn(1).width = 24;
  return Buffer.from(await book.xlsx.writeBuffer());
}
