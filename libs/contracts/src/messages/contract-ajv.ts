/**
 * The one ajv instance of the contracts, and ajv's errors as the contract's error lines for
 * schemas whose fragments name no problem of their own (`explain` prefers those).
 */
import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { isUtcTimestamp } from '../validation/formats';
import { type PathSegment, pathError } from '../validation/property-path';

/** The one ajv instance of the contracts: draft-07, formats, union types as the schemas use. */
export const contractAjv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: true });
addFormats(contractAjv);
// The notices' name for a UTC timestamp (`isUtcTimestamp`); the wire messages spell the same
// rule as `date-time` and a pattern, which partners' validators understand without a plugin.
contractAjv.addFormat('utc-timestamp', {
  type: 'string',
  validate: (v: string) => isUtcTimestamp(v),
});

/** Where ajv found `error`, as path segments (a missing or unknown property included). */
export function ajvPathOf(error: ErrorObject): PathSegment[] {
  const path: PathSegment[] = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') path.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
  return path;
}

/** A problem named from the keyword and the schema's own bounds only, never from the value. */
export function ajvProblemOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'unknown property';
    case 'type':
      return `must be ${String(p.type).replace(/,/g, ' or ')}`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'minLength':
    case 'maxLength':
      return `must have ${error.keyword === 'minLength' ? 'at least' : 'at most'} ${String(p.limit)} characters`;
    case 'format':
      return `must be a ${String(p.format)}`;
    case 'pattern':
      return `must match ${String(p.pattern)}`;
    case 'uniqueItems':
      return 'must not contain duplicates';
    case 'minItems':
    case 'maxItems':
      return `must have ${error.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p.limit)} items`;
    default:
      return `must satisfy ${error.keyword}`;
  }
}

/** One line per refused path, in ajv's order, without duplicates; paths below `at`. */
export function ajvErrorLines(
  errors: readonly ErrorObject[],
  at: readonly PathSegment[] = [],
): string[] {
  return [...new Set(errors.map((e) => pathError([...at, ...ajvPathOf(e)], ajvProblemOf(e))))];
}
