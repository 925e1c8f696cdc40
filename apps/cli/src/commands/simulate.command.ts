import { decide, type Decision } from '@app/policy';
import { readCases } from '../case-lines';
import { EXIT, writeLine, type CliIo } from '../cli-io';
import { ephemeralKey, readPolicy } from '@app/runtime';

/** Options of `onward simulate`. */
export interface SimulateCommandOptions {
  from: string;
  to: string;
}

/** What simulate compares: the decision, the reasons (code and field) and the shared fields. */
function outcome(d: Decision) {
  return {
    decision: d.decision,
    reasons: d.reasons.map((r) => (r.field === undefined ? r.code : `${r.code}:${r.field}`)),
    fieldsShared: d.fieldsShared,
  };
}

/**
 * `onward simulate --from A --to B`: decides every input line under both policies and prints
 * only the cases whose outcome differs, `{"line", "case"?, "from", "to"}`, then a summary line
 * `{"cases", "changed", "unchanged", "invalid", "from", "to"}` naming both policies. Pseudonyms
 * are not compared or printed, so a throwaway key is used.
 */
export async function runSimulate(io: CliIo, options: SimulateCommandOptions): Promise<number> {
  const from = readPolicy(options.from);
  const to = readPolicy(options.to);
  const pseudonymKey = ephemeralKey();
  const count = { cases: 0, changed: 0, invalid: 0 };
  for await (const item of readCases(io.stdin)) {
    if ('error' in item) {
      count.invalid += 1;
      await writeLine(io.stdout, item);
      continue;
    }
    count.cases += 1;
    const before = outcome(decide(from, item.input, item.now, { pseudonymKey }));
    const after = outcome(decide(to, item.input, item.now, { pseudonymKey }));
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    count.changed += 1;
    const label = item.label === undefined ? {} : { case: item.label };
    await writeLine(io.stdout, { line: item.line, ...label, from: before, to: after });
  }
  await writeLine(io.stdout, {
    cases: count.cases,
    changed: count.changed,
    unchanged: count.cases - count.changed,
    invalid: count.invalid,
    from: from.ref,
    to: to.ref,
  });
  return count.invalid > 0 ? EXIT.invalid : EXIT.ok;
}
