import { decide } from '@app/policy';
import { readCases } from '../case-lines';
import { EXIT, writeLine, type CliIo } from '../cli-io';
import { type KeyOptions, readPolicy, resolvePseudonymKey } from '@app/runtime';

/** Options of `onward decide`. */
export interface DecideCommandOptions extends KeyOptions {
  policy?: string;
}

/**
 * `onward decide`: one decision per input line, as a JSON line `{"line", "case"?, ...Decision}`;
 * an invalid line gets `{"line", "error"}` and the run goes on. Exit 1 if any line was invalid.
 */
export async function runDecide(io: CliIo, options: DecideCommandOptions): Promise<number> {
  const policy = readPolicy(options.policy);
  const pseudonymKey = resolvePseudonymKey(options, io.env);
  let invalid = 0;
  for await (const item of readCases(io.stdin)) {
    if ('error' in item) {
      invalid += 1;
      await writeLine(io.stdout, item);
      continue;
    }
    const decision = decide(policy, item.input, item.now, { pseudonymKey });
    const label = item.label === undefined ? {} : { case: item.label };
    await writeLine(io.stdout, { line: item.line, ...label, ...decision });
  }
  if (invalid > 0) io.stderr.write(`onward decide: ${invalid} invalid line(s)\n`);
  return invalid > 0 ? EXIT.invalid : EXIT.ok;
}
