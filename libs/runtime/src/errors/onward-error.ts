/** How an {@link OnwardError} is made: whether retrying may help, and what caused it. */
export interface OnwardErrorOptions {
  /** True when the same call may succeed later (a broker condition, a timeout). Default false. */
  retriable?: boolean;
  /** The error this one explains or wraps. */
  cause?: unknown;
}

/**
 * The root of Onward's own errors, as kafkajs' `KafkaJSError` is of its: `retriable` says
 * whether a retry may help (broken dependencies), `cause` keeps the error underneath. Broken
 * input and broken configuration are never retriable. Messages name ids, topics, partitions
 * and offsets, never a data value.
 */
export class OnwardError extends Error {
  override name = 'OnwardError';
  readonly retriable: boolean;

  constructor(message?: string, options: OnwardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retriable = options.retriable ?? false;
  }
}
