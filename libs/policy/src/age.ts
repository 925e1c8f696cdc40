const BIRTH_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * Whether someone born on `birthDate` ('YYYY-MM-DD') has reached `years` at the instant `at`,
 * counted by calendar in UTC: the birthday itself counts (from 00:00 UTC). A 29 February
 * birthday is reached on 1 March in common years. An unreadable date is not old enough.
 */
export function hasReachedAge(birthDate: string, years: number, at: number): boolean {
  const m = BIRTH_DATE.exec(birthDate);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const now = new Date(at);
  const ny = now.getUTCFullYear();
  const nm = now.getUTCMonth() + 1;
  const nd = now.getUTCDate();
  const beforeBirthday = nm < mo || (nm === mo && nd < d);
  return ny - y - (beforeBirthday ? 1 : 0) >= years;
}
