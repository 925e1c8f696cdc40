import { TRANSFER_REGIMES } from '@app/contracts/vocabulary';
import { ADEQUACY_SCOPES, FRAMEWORK_TYPES } from '../codes';
import { COUNTRY } from './patterns';
import { child, type DocumentReader, type Mapping } from './reader';

const COUNTRY_SHAPE = 'an ISO 3166-1 alpha-2 code';
const FRAMEWORK = new RegExp(`^(?:${FRAMEWORK_TYPES.join('|')})$`);
const SCOPE = new RegExp(`^(?:${Object.keys(ADEQUACY_SCOPES).join('|')})$`);

/** A validated half-open window in epoch ms, for overlap checks. */
interface Span {
  from: number;
  until: number;
}

/** Where a country is a member: regime and window, to refuse overlapping memberships. */
type Memberships = Map<string, { regime: string; span: Span }[]>;

/** `transfer: { certificationCountry, regimes: { eu, ch, uk } }`. */
export function readTransfer(r: DocumentReader, value: unknown): void {
  const t = r.object(value, 'transfer', ['certificationCountry', 'regimes']);
  if (t === undefined) return;
  r.string(t.certificationCountry, 'transfer.certificationCountry', COUNTRY, COUNTRY_SHAPE);
  const regimes = r.map(t.regimes, 'transfer.regimes');
  if (regimes === undefined) return;
  const memberships: Memberships = new Map();
  for (const [id, entry] of Object.entries(regimes)) {
    const path = child('transfer.regimes', id);
    if (!(TRANSFER_REGIMES as readonly string[]).includes(id)) {
      r.fail(path, `is not a transfer regime (${TRANSFER_REGIMES.join(', ')})`);
      continue;
    }
    readRegime(r, entry, path, id, memberships);
  }
  if (Object.keys(regimes).length === 0) r.fail('transfer.regimes', 'must not be empty');
}

function readRegime(
  r: DocumentReader,
  value: unknown,
  path: string,
  id: string,
  memberships: Memberships,
): void {
  const g = r.object(value, path, ['title', 'members', 'adequacy', 'frameworks'], ['note']);
  if (g === undefined) return;
  r.string(g.title, child(path, 'title'));
  r.optionalString(g.note, child(path, 'note'));
  const listed = new Set<string>();
  const adequate = new Set<string>();
  (r.list(g.members, child(path, 'members')) ?? []).forEach((entry, i) => {
    const at = child(child(path, 'members'), i);
    const m = r.object(entry, at, ['countries'], ['from', 'until', 'reference', 'note']);
    if (m === undefined) return;
    const span = readWindow(r, m, at, false, false);
    for (const country of readCountries(r, m.countries, at, listed)) {
      const clash = (memberships.get(country) ?? []).find(
        (o) => span !== undefined && o.span.from < span.until && span.from < o.span.until,
      );
      if (clash) r.fail(at, `${country} is a member of ${clash.regime} and ${id} at once`);
      if (span !== undefined) {
        memberships.set(country, [...(memberships.get(country) ?? []), { regime: id, span }]);
      }
    }
  });
  (r.list(g.adequacy, child(path, 'adequacy'), true) ?? []).forEach((entry, i) => {
    const at = child(child(path, 'adequacy'), i);
    const a = r.object(entry, at, ['countries', 'from', 'reference'], ['until', 'scope', 'note']);
    if (a === undefined) return;
    readCountries(r, a.countries, at, adequate);
    readWindow(r, a, at, true, true);
    if (a.scope !== undefined) {
      r.string(a.scope, child(at, 'scope'), SCOPE, Object.keys(ADEQUACY_SCOPES).join(' | '));
    }
  });
  readFrameworks(r, g.frameworks, child(path, 'frameworks'));
}

/** A list's countries: each valid and listed once in the regime's members (or adequacy). */
function readCountries(r: DocumentReader, value: unknown, path: string, listed: Set<string>) {
  const at = child(path, 'countries');
  const countries = r.strings(value, at, COUNTRY, COUNTRY_SHAPE);
  countries.forEach((c, i) => {
    if (listed.has(c)) r.fail(child(at, i), `${c} is listed twice in this list of the regime`);
    listed.add(c);
  });
  return countries;
}

function readFrameworks(r: DocumentReader, value: unknown, path: string): void {
  const seen = new Set<string>();
  (r.list(value, path, true) ?? []).forEach((entry, i) => {
    const at = child(path, i);
    const f = r.object(entry, at, ['type', 'reference'], ['from', 'until', 'note']);
    if (f === undefined) return;
    const type = r.string(f.type, child(at, 'type'), FRAMEWORK, FRAMEWORK_TYPES.join(' | '));
    if (type !== undefined && seen.has(type)) r.fail(child(at, 'type'), `${type} is listed twice`);
    if (type !== undefined) seen.add(type);
    readWindow(r, f, at, false, true);
  });
}

/** `from` (required or optional), `until` (optional), `from < until`, `reference`, `note`. */
function readWindow(
  r: DocumentReader,
  entry: Mapping,
  path: string,
  fromRequired: boolean,
  referenceRequired: boolean,
): Span | undefined {
  const from = fromRequired
    ? r.date(entry.from, child(path, 'from'))
    : r.optionalDate(entry.from, child(path, 'from'), -Infinity);
  const until = r.optionalDate(entry.until, child(path, 'until'), Infinity);
  if (referenceRequired) r.string(entry.reference, child(path, 'reference'));
  else r.optionalString(entry.reference, child(path, 'reference'));
  r.optionalString(entry.note, child(path, 'note'));
  if (from === undefined || until === undefined) return undefined;
  if (!(from < until)) {
    r.fail(child(path, 'until'), 'must be after from');
    return undefined;
  }
  return { from, until };
}
