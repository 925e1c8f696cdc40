import { RECIPIENT_KINDS } from '@app/contracts/vocabulary';
import { CATEGORY_NAME } from '../category-pattern';
import { EXEMPTIBLE_CODES } from '../codes';
import { POLICY_ID, RULE_ID, FIELD_NAME, CATEGORY_PREFIX, SNAKE } from './patterns';
import { child, type DocumentReader } from './reader';

/** The category prefixes of never-shared and sensitive data. */
export interface Prefixes {
  restricted: string;
  sensitive: string;
}

/** id, version, effective date, title, notes, minimum age. */
export function readHeader(r: DocumentReader, doc: Record<string, unknown>): void {
  r.string(doc.id, 'id', POLICY_ID, 'a policy id (lower-case, digits, ".", "_", "-")');
  r.string(doc.version, 'version');
  r.date(doc.effective, 'effective');
  r.optionalString(doc.title, 'title');
  if (doc.notes !== undefined) {
    (r.list(doc.notes, 'notes') ?? []).forEach((n, i) => r.string(n, child('notes', i)));
  }
  const age = doc.minimumAge;
  if (typeof age !== 'number' || !Number.isInteger(age) || age < 0 || age > 150) {
    r.fail('minimumAge', 'must be a whole number of years');
  }
}

/** `categories: { restricted: {prefix}, sensitive: {prefix} }`. */
export function readPrefixes(r: DocumentReader, value: unknown): Prefixes | undefined {
  const map = r.object(value, 'categories', ['restricted', 'sensitive']);
  if (map === undefined) return undefined;
  const prefix = (key: string) => {
    const entry = r.object(map[key], child('categories', key), ['prefix']);
    const path = child(child('categories', key), 'prefix');
    return entry && r.string(entry.prefix, path, CATEGORY_PREFIX, 'a prefix like "restricted."');
  };
  const restricted = prefix('restricted');
  const sensitive = prefix('sensitive');
  if (restricted === undefined || sensitive === undefined) return undefined;
  if (restricted === sensitive) return r.fail('categories', 'the two prefixes must differ');
  return { restricted, sensitive };
}

/** `dictionary: { field: category }`; returns the field → category map of the good entries. */
export function readDictionary(r: DocumentReader, value: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  const map = r.map(value, 'dictionary');
  if (map === undefined) return fields;
  for (const [field, category] of Object.entries(map)) {
    const path = child('dictionary', field);
    if (!FIELD_NAME.test(field)) {
      r.fail(path, 'a field name must be letters, digits and "_", starting with a letter');
      continue;
    }
    const c = r.string(category, path, CATEGORY_NAME, 'a category like "contact.email"');
    if (c !== undefined) fields.set(field, c);
  }
  if (fields.size === 0 && r.issues.length === 0) r.fail('dictionary', 'must not be empty');
  return fields;
}

const KIND_FLAGS = ['courseScoped', 'contractRequired', 'consentRequired', 'fieldsRequired'];
const EXEMPTIBLE = new RegExp(`^(?:${EXEMPTIBLE_CODES.join('|')})$`);

/** `recipientKinds: { kind: {exempt, flags…} }`; returns the declared kinds. */
export function readKinds(r: DocumentReader, value: unknown): Set<string> {
  const kinds = new Set<string>();
  const map = r.map(value, 'recipientKinds');
  if (map === undefined) return kinds;
  for (const [kind, entry] of Object.entries(map)) {
    const path = child('recipientKinds', kind);
    if (!(RECIPIENT_KINDS as readonly string[]).includes(kind)) {
      r.fail(path, `is not a recipient kind (${RECIPIENT_KINDS.join(', ')})`);
      continue;
    }
    kinds.add(kind);
    const k = r.object(entry ?? {}, path, [], ['exempt', 'note', ...KIND_FLAGS]);
    if (k === undefined) continue;
    for (const flag of KIND_FLAGS) r.flag(k[flag], child(path, flag));
    r.optionalString(k.note, child(path, 'note'));
    if (k.exempt !== undefined) {
      r.strings(k.exempt, child(path, 'exempt'), EXEMPTIBLE, EXEMPTIBLE_CODES.join(' | '), true);
    }
  }
  return kinds;
}

/** A `{code: {rule, clause}}` table that must cite exactly `codes`. */
export function readCitations(
  r: DocumentReader,
  value: unknown,
  path: string,
  codes: readonly string[],
  ruleIds: Set<string>,
): void {
  const map = r.object(value, path, codes);
  if (map === undefined) return;
  for (const code of codes) {
    if (Object.hasOwn(map, code)) readCitation(r, map[code], child(path, code), [], ruleIds);
  }
}

/** A `{rule, clause}` entry (plus `extra` keys the caller reads); rule ids must be unique. */
export function readCitation(
  r: DocumentReader,
  value: unknown,
  path: string,
  extra: readonly string[],
  ruleIds: Set<string>,
  required: readonly string[] = [],
): Record<string, unknown> | undefined {
  const map = r.object(value, path, ['rule', 'clause', ...required], extra);
  if (map === undefined) return undefined;
  const rule = r.string(map.rule, child(path, 'rule'), RULE_ID, 'a rule id like "check.opt_out"');
  if (rule !== undefined) {
    if (ruleIds.has(rule))
      r.fail(child(path, 'rule'), `rule id ${JSON.stringify(rule)} is used twice`);
    ruleIds.add(rule);
  }
  r.string(map.clause, child(path, 'clause'));
  return map;
}

/**
 * `parentalConsent: { rule, clause, purposes, note? }`: the purposes a live verified parental
 * consent opens for a child; each must be a purpose of the matrix.
 */
export function readParentalConsent(
  r: DocumentReader,
  value: unknown,
  matrix: unknown,
  ruleIds: Set<string>,
): void {
  const map = readCitation(r, value, 'parentalConsent', ['note'], ruleIds, ['purposes']);
  if (map === undefined) return;
  r.optionalString(map.note, child('parentalConsent', 'note'));
  const known = new Set(
    (Array.isArray(matrix) ? matrix : []).map((row) => (row as { purpose?: unknown })?.purpose),
  );
  const path = child('parentalConsent', 'purposes');
  r.strings(map.purposes, path, SNAKE, 'a snake_case purpose', true).forEach((purpose, i) => {
    if (!known.has(purpose)) r.fail(child(path, i), `${purpose} is not a purpose of the matrix`);
  });
}
