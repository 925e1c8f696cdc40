import type { Response } from 'express';

/** A download format of a report. */
export type ReportFormat = 'json' | 'csv' | 'xlsx';

/** The media type of an Excel workbook. */
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a workbook as a download named `filename`. */
export function sendXlsx(res: Response, filename: string, workbook: Buffer): void {
  res.setHeader('Content-Type', XLSX);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(workbook);
}

/** A file name for a report of a period: `<name>-<from>-<to>.<ext>`, all as dates. */
export function periodFileName(
  name: string,
  period: { from: string | null; to: string | null },
  ext: string,
): string {
  const day = (at: string | null, open: string) => (at === null ? open : at.slice(0, 10));
  return `${name}-${day(period.from, 'start')}-${day(period.to, 'now')}.${ext}`;
}
