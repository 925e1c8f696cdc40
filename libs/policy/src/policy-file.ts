import { parseDocument } from 'yaml';
import { compilePolicy, type CompiledPolicy } from './compiled-policy';
import { PolicyFileError } from './errors';

/**
 * Parses policy YAML text into a plain document (no validation). YAML 1.2 core schema, so
 * dates stay strings; duplicate keys are errors. Throws a PolicyFileError on bad YAML.
 */
export function parsePolicyText(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, schema: 'core' });
  if (doc.errors.length > 0) {
    throw new PolicyFileError(
      doc.errors.map((e) => ({ path: yamlPosition(text, e.pos[0]), message: e.message })),
    );
  }
  return doc.toJS({ maxAliasCount: 100 });
}

/**
 * Reads a policy file's text (callers read the file; this library does no I/O), validates it
 * fully and compiles it once. Throws a PolicyFileError naming every bad entry.
 */
export function loadPolicy(text: string): CompiledPolicy {
  return compilePolicy(parsePolicyText(text));
}

/** "yaml line L, column C" (1-based) of a character offset. */
function yamlPosition(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `yaml line ${line}, column ${column}`;
}
