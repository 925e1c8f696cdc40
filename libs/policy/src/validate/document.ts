import { CHECK_CODES, FIELD_CODES } from '../codes';
import { PolicyFileError } from '../errors';
import type { PolicyDocument } from '../policy-document';
import { readMatrix } from './matrix';
import { DocumentReader } from './reader';
import {
  readCitations,
  readDictionary,
  readHeader,
  readKinds,
  readParentalConsent,
  readPrefixes,
} from './sections';
import { readTransfer } from './transfer';

const TOP_LEVEL = [
  'id',
  'version',
  'effective',
  'minimumAge',
  'parentalConsent',
  'categories',
  'dictionary',
  'recipientKinds',
  'matrix',
  'checks',
  'fieldRules',
  'transfer',
];

/**
 * Checks a parsed policy document against the schema and its cross-references, and returns it
 * unchanged, typed. Throws a PolicyFileError naming every bad entry.
 */
export function validatePolicyDocument(value: unknown): PolicyDocument {
  const r = new DocumentReader();
  const doc = r.object(value, '', TOP_LEVEL, ['title', 'notes']);
  if (doc === undefined) throw new PolicyFileError(r.issues);
  readHeader(r, doc);
  const prefixes = readPrefixes(r, doc.categories);
  const dictionary = readDictionary(r, doc.dictionary);
  const kinds = readKinds(r, doc.recipientKinds);
  const ruleIds = new Set<string>();
  readCitations(r, doc.checks, 'checks', CHECK_CODES, ruleIds);
  readCitations(r, doc.fieldRules, 'fieldRules', FIELD_CODES, ruleIds);
  readMatrix(r, doc.matrix, {
    kinds,
    categories: new Set(dictionary.values()),
    restrictedPrefix: prefixes?.restricted,
    ruleIds,
  });
  readParentalConsent(r, doc.parentalConsent, doc.matrix, ruleIds);
  readTransfer(r, doc.transfer);
  if (r.issues.length > 0) throw new PolicyFileError(r.issues);
  return doc as unknown as PolicyDocument;
}
