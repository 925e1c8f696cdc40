import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadPolicy, type CompiledPolicy } from '@app/policy';

/** The bundled policy, found from the source tree and from dist/ alike. */
export const DEFAULT_POLICY_FILE = resolve(
  __dirname,
  __dirname.includes('/dist/') ? '../../../../..' : '../../../..',
  'libs/policy/policies/coursera-privacy.yaml',
);

/**
 * Reads and compiles the policy file once, at start. A malformed file throws the loader's
 * error, which names the bad entry, and the gateway refuses to start.
 */
export function loadPolicyFile(path: string = DEFAULT_POLICY_FILE): CompiledPolicy {
  return loadPolicy(readFileSync(path, 'utf8'));
}
