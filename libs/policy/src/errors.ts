/** One problem found in a policy file: where (a path such as `matrix[3].categories[1]`) and why. */
export interface PolicyFileIssue {
  /** Path of the bad entry; empty for the document as a whole. */
  readonly path: string;
  /** What is wrong with it. */
  readonly message: string;
}

/**
 * A policy file that cannot be used: YAML that does not parse, or an entry that breaks the
 * schema. Broken configuration: the caller refuses to start. Never retriable.
 */
export class PolicyFileError extends Error {
  override readonly name = 'PolicyFileError';
  /** Broken configuration does not heal by retrying. */
  readonly retriable = false;

  /** @param issues every problem found, in document order (at least one). */
  constructor(
    readonly issues: readonly PolicyFileIssue[],
    options?: { cause?: unknown },
  ) {
    super(`invalid policy file: ${issues.map(formatIssue).join('; ')}`, options);
  }
}

function formatIssue(issue: PolicyFileIssue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
}
