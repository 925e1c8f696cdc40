// Dates in the demo's registry are placed around the day it runs, so that contracts are live,
// certifications valid and the child under 13 in any year someone runs it.

/** `now` moved by whole years. */
export function yearsFrom(now: Date, years: number): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
}

/** `YYYY-MM-DD` of a date. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
