import { PolicyFileError } from '@app/policy';
import { EXIT, writeLine, type CliIo } from '../cli-io';
import { readPolicy } from '@app/runtime';

/**
 * `onward check FILE`: validates a policy file. Valid: prints `{"id","version","digest"}` and
 * exits 0. Malformed: prints one line per bad entry on stderr (`FILE: path: why`) and exits 1.
 */
export async function runCheck(io: CliIo, file: string): Promise<number> {
  try {
    await writeLine(io.stdout, readPolicy(file).ref);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    for (const issue of error.issues) {
      io.stderr.write(`${file}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}\n`);
    }
    return EXIT.invalid;
  }
}
