import { BadRequestException } from '@nestjs/common';
import type { Response } from 'express';
import type { ParsedQuery } from '../query/query-params';

/** The parsed value, or a 400 that lists every bad parameter. */
export function orBadRequest<T>(parsed: ParsedQuery<T>): T {
  if (parsed.ok) return parsed.value;
  throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: parsed.errors });
}

/** Whether the client asked for CSV (`?format=csv`); any other format is a 400. */
export function wantsCsv(format: unknown): boolean {
  if (format === undefined || format === 'json') return false;
  if (format === 'csv') return true;
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: ['format: must be json or csv'],
  });
}

/** Sends `csv` as a download named `filename`. */
export function sendCsv(res: Response, filename: string, csv: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  res.send(csv);
}

/** A file-name-safe form of an id. */
export const fileSafe = (text: string): string => text.replace(/[^a-zA-Z0-9._-]/g, '_');
