import type { Response } from 'express';

/** Sends `csv` as a download named `filename`. */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}

/** A file-name-safe form of an id. */
export const fileSafe = (text: string): string => text.replace(/[^a-zA-Z0-9._-]/g, '_');
