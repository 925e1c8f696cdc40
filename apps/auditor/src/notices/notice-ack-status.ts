/** How reading the acknowledgements topics goes, for /health and the logs. */
export class NoticeAckStatus {
  /** `idle`: no acknowledgements topic exists yet; `failed`: the reader stopped on an error. */
  state: 'starting' | 'idle' | 'reading' | 'failed' = 'starting';
  /** How many acknowledgements topics are read. */
  topics = 0;
  /** More acknowledgements topics exist than the auditor reads (the rest wait). */
  truncated = false;
}
