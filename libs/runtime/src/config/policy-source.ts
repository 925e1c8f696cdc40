import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadPolicy, type CompiledPolicy } from '@app/policy';
import { ConfigurationError } from './configuration.error';

const BUNDLED = join('libs', 'policy', 'policies', 'coursera-privacy.yaml');

/**
 * The bundled policy file, found by walking up from this file to the package root, so it
 * works from `apps/cli/src` (ts) and from `dist/apps/cli/src` (js) alike.
 */
export function defaultPolicyFile(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, BUNDLED);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new ConfigurationError(`bundled policy ${BUNDLED} not found`);
  }
}

/** Reads a policy file's text; an unreadable file is a usage error naming the path. */
export function readPolicyText(path: string): string {
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigurationError(`cannot read policy file ${path} (${code})`, { cause });
  }
}

/** Reads and compiles a policy file (default: the bundled one). PolicyFileError passes through. */
export function readPolicy(path: string = defaultPolicyFile()): CompiledPolicy {
  return loadPolicy(readPolicyText(path));
}
