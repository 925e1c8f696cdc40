import { FRAMEWORK_TYPES } from '../codes';
import { COUNTRY } from './patterns';
import { child, type DocumentReader } from './reader';

const COUNTRY_SHAPE = 'an ISO 3166-1 alpha-2 code';
const FRAMEWORK = new RegExp(`^(?:${FRAMEWORK_TYPES.join('|')})$`);

/** `transfer: { eea, switzerland, adequacy, certification }`. */
export function readTransfer(r: DocumentReader, value: unknown): void {
  const t = r.object(value, 'transfer', ['eea', 'switzerland', 'adequacy', 'certification']);
  if (t === undefined) return;
  const countries = new Set<string>();
  const unique = (country: string | undefined, path: string) => {
    if (country === undefined) return;
    if (countries.has(country)) r.fail(path, `${country} is listed twice in transfer`);
    countries.add(country);
  };
  for (const key of ['eea', 'switzerland']) {
    const path = child('transfer', key);
    r.strings(t[key], path, COUNTRY, COUNTRY_SHAPE).forEach((c, i) => unique(c, child(path, i)));
  }
  const adequacyPath = child('transfer', 'adequacy');
  (r.list(t.adequacy, adequacyPath, true) ?? []).forEach((entry, i) => {
    const path = child(adequacyPath, i);
    const a = r.object(entry, path, ['country', 'from', 'reference'], ['until', 'note']);
    if (a === undefined) return;
    unique(
      r.string(a.country, child(path, 'country'), COUNTRY, COUNTRY_SHAPE),
      child(path, 'country'),
    );
    readWindow(r, a, path, true);
  });
  readCertification(r, t.certification, child('transfer', 'certification'));
}

function readCertification(r: DocumentReader, value: unknown, path: string): void {
  const c = r.object(value, path, ['country', 'frameworks']);
  if (c === undefined) return;
  r.string(c.country, child(path, 'country'), COUNTRY, COUNTRY_SHAPE);
  const seen = new Set<string>();
  (r.list(c.frameworks, child(path, 'frameworks'), true) ?? []).forEach((entry, i) => {
    const at = child(child(path, 'frameworks'), i);
    const f = r.object(entry, at, ['type', 'reference'], ['from', 'until', 'note']);
    if (f === undefined) return;
    const type = r.string(f.type, child(at, 'type'), FRAMEWORK, FRAMEWORK_TYPES.join(' | '));
    if (type !== undefined && seen.has(type)) r.fail(child(at, 'type'), `${type} is listed twice`);
    if (type !== undefined) seen.add(type);
    readWindow(r, f, at, false);
  });
}

/** `from` (required or optional), `until` (optional), `from < until`, `reference`, `note`. */
function readWindow(
  r: DocumentReader,
  entry: Record<string, unknown>,
  path: string,
  fromRequired: boolean,
): void {
  const from = fromRequired
    ? r.date(entry.from, child(path, 'from'))
    : r.optionalDate(entry.from, child(path, 'from'), -Infinity);
  const until = r.optionalDate(entry.until, child(path, 'until'), Infinity);
  if (from !== undefined && until !== undefined && !(from < until)) {
    r.fail(child(path, 'until'), 'must be after from');
  }
  r.string(entry.reference, child(path, 'reference'));
  r.optionalString(entry.note, child(path, 'note'));
}
