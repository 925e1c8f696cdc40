/** A cell value of a CSV table. */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * One RFC 4180 field. A text starting with `= + - @` (or a tab or CR) gets a leading quote
 * mark, so a spreadsheet shows it instead of running it as a formula: recipient names and
 * addresses come from a topic, not from us.
 */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header row and one row per record, CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
