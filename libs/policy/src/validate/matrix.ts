import { CATEGORY_PATTERN, patternMatches } from '../category-pattern';
import { SNAKE } from './patterns';
import { child, type DocumentReader } from './reader';
import { readCitation } from './sections';

const ROW_FLAGS = ['optOut', 'consentInstead', 'pseudonymise', 'directMarketing'];
const ROW_KEYS = ['except', 'legalBasis', 'note', ...ROW_FLAGS];
const PATTERN_SHAPE = 'a category pattern ("contact.email", "course.*" or "*")';

/** What the matrix is checked against. */
export interface MatrixContext {
  kinds: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  restrictedPrefix: string | undefined;
  ruleIds: Set<string>;
}

/** `matrix: [...]`: one row per purpose; a (kind, purpose) pair appears once. */
export function readMatrix(r: DocumentReader, value: unknown, ctx: MatrixContext): void {
  const seen = new Set<string>();
  (r.list(value, 'matrix') ?? []).forEach((entry, i) => {
    const path = child('matrix', i);
    const row = readCitation(r, entry, path, ROW_KEYS, ctx.ruleIds, [
      'kinds',
      'purpose',
      'categories',
    ]);
    if (row === undefined) return;
    const purpose = r.string(row.purpose, child(path, 'purpose'), SNAKE, 'a snake_case purpose');
    const kinds = r.strings(row.kinds, child(path, 'kinds'), SNAKE, 'a recipient kind');
    kinds.forEach((kind, k) => {
      if (!ctx.kinds.has(kind))
        r.fail(child(child(path, 'kinds'), k), `kind ${kind} is not in recipientKinds`);
      const key = `${kind}/${purpose}`;
      if (purpose !== undefined && seen.has(key)) {
        r.fail(child(child(path, 'kinds'), k), `${kind} already has a row for ${purpose}`);
      }
      seen.add(key);
    });
    readPatterns(r, row.categories, child(path, 'categories'), ctx, false);
    if (row.except !== undefined) readPatterns(r, row.except, child(path, 'except'), ctx, true);
    if (row.legalBasis !== undefined) {
      r.strings(row.legalBasis, child(path, 'legalBasis'), SNAKE, 'a snake_case kind', true);
    }
    const flags = Object.fromEntries(ROW_FLAGS.map((f) => [f, r.flag(row[f], child(path, f))]));
    if (flags.optOut && flags.consentInstead) {
      r.fail(path, 'optOut and consentInstead exclude each other');
    }
    r.optionalString(row.note, child(path, 'note'));
  });
}

function readPatterns(
  r: DocumentReader,
  value: unknown,
  path: string,
  ctx: MatrixContext,
  allowEmpty: boolean,
): void {
  const patterns = r.strings(value, path, CATEGORY_PATTERN, PATTERN_SHAPE, allowEmpty);
  patterns.forEach((pattern, i) => {
    const matched = [...ctx.categories].filter((c) => patternMatches(pattern, c));
    if (matched.length === 0) {
      r.fail(child(path, i), `${JSON.stringify(pattern)} matches no category of the dictionary`);
    } else if (
      !allowEmpty &&
      pattern !== '*' &&
      ctx.restrictedPrefix !== undefined &&
      matched.every((c) => c.startsWith(ctx.restrictedPrefix as string))
    ) {
      r.fail(child(path, i), `${JSON.stringify(pattern)} names only never-shared categories`);
    }
  });
}
