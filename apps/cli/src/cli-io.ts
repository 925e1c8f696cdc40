import type { Readable, Writable } from 'node:stream';
import { OnwardError } from '@app/runtime';

/** The streams and environment a command runs against (the process's, or a test's). */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
}

/** Exit codes of every command. */
export const EXIT = {
  /** Everything read and decided. */
  ok: 0,
  /** Some input was invalid (reported line by line) or the policy file is malformed. */
  invalid: 1,
  /** Could not start: unreadable file, missing key, bad usage. */
  usage: 2,
  /** A follow (`access sync --follow`) ended because its reader failed for good. */
  stopped: 3,
} as const;

/** Writes one JSON line, waiting for the stream to drain when it asks to. */
export async function writeLine(out: Writable, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) {
    await new Promise<void>((resolve) => out.once('drain', resolve));
  }
}

/** A start-up failure: printed as one line on stderr, exit code `EXIT.usage`. */
export class CliUsageError extends OnwardError {
  override readonly name = 'CliUsageError';
}
