import { randomBytes } from 'node:crypto';
import { Follower, type Kafka, OnwardError, readPartitionRange } from '@app/runtime';
import { parseRecipient } from '@app/contracts';

/** What a partner's read access depends on. `unknown`: tombstone, never registered, invalid. */
export type RecipientAccessStatus = 'active' | 'suspended' | 'unknown';

/**
 * The status one record of `<prefix>recipients` gives its key. Like the gateway, an invalid
 * record (or one whose recipientId differs from its key) makes the recipient unknown rather
 * than leaving an older value standing: it may have been a suspension.
 */
export function accessStatusOf(key: string, value: Buffer | null): RecipientAccessStatus {
  if (value === null) return 'unknown';
  const parsed = parseRecipient(value);
  if (!parsed.ok || parsed.value.recipientId !== key) return 'unknown';
  return parsed.value.status === 'active' ? 'active' : 'suspended';
}

/** Called for each record of the recipients topic, in log order per partition. */
export type RecipientStatusListener = (
  recipientId: string,
  status: RecipientAccessStatus,
) => Promise<void>;

/** A running reader of the recipients topic. */
export interface RecipientStatusFollower {
  /**
   * Resolves once every record in the log when `follow` started has been handed over; rejects
   * when the reader stops for good first.
   */
  caughtUp: Promise<void>;
  /** Resolves with the error when the reader stops for good (a listener error not retriable). */
  failed: Promise<OnwardError>;
  stop(): Promise<void>;
}

/** The recipients topic does not exist (yet): nothing to follow. */
export class MissingRecipientsTopicError extends OnwardError {
  override readonly name = 'MissingRecipientsTopicError';
}

/**
 * Follows `topic` from the beginning (the runtime's follower, a throwaway group, nothing
 * committed) and hands each record's status to `listener`, until stopped. A listener error that
 * is retriable has the batch handed over again; any other stops the reader (`failed`).
 * Throws {@link MissingRecipientsTopicError} when the topic does not exist.
 */
export async function followRecipientStatuses(
  kafka: Kafka,
  topic: string,
  listener: RecipientStatusListener,
): Promise<RecipientStatusFollower> {
  const admin = kafka.admin();
  await admin.connect();
  let targets: Map<number, bigint>;
  try {
    if (!(await admin.listTopics()).includes(topic)) {
      throw new MissingRecipientsTopicError(`${topic} does not exist`);
    }
    const offsets = await admin.fetchTopicOffsets(topic);
    targets = new Map(offsets.map((p) => [p.partition, BigInt(p.high)]));
  } finally {
    await admin.disconnect();
  }
  const positions = new Map<number, bigint>();
  const caught = settable<void>();
  const failure = settable<OnwardError>();
  const check = () => {
    if ([...targets].every(([p, high]) => (positions.get(p) ?? 0n) >= high)) caught.resolve();
  };
  const follower = new Follower(
    kafka,
    { topics: [topic], start: 'earliest', groupPrefix: 'onward-access', maxWaitTimeMs: 500 },
    {
      onBatch: async ({ records }) => {
        for (const { key, value } of records) {
          const id = key?.toString('utf8') ?? '';
          if (id !== '') await listener(id, accessStatusOf(id, value));
        }
      },
      onProgress: ({ partition, next }) => {
        positions.set(partition, next);
        check();
      },
      onError: (error) => {
        failure.resolve(error);
        caught.reject(error);
      },
    },
  );
  await follower.start();
  check();
  // Nobody may be waiting on caughtUp by the time the reader fails.
  caught.promise.catch(() => undefined);
  return { caughtUp: caught.promise, failed: failure.promise, stop: () => follower.stop() };
}

/** A promise with its settle functions at hand. */
function settable<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
} {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * The current status of every recipient on `topic` (latest record per key) as of now, each
 * partition read to the end it had at the start; empty when the topic does not exist yet
 * (every recipient unknown).
 */
export async function readRecipientStatuses(
  kafka: Kafka,
  topic: string,
  timeoutMs = 60_000,
): Promise<Map<string, RecipientAccessStatus>> {
  const statuses = new Map<string, RecipientAccessStatus>();
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) return statuses;
    const offsets = await admin.fetchTopicOffsets(topic);
    // Keys never span partitions, so reading partitions side by side keeps each key's order;
    // one group per reader, or they would share the topic's partitions between them.
    await Promise.all(
      offsets.map(({ partition }) =>
        readPartitionRange(
          { kafka, admin },
          { topic, partition, groupId: accessGroup(), timeoutMs },
          (records) => {
            for (const { key, value } of records) {
              const id = key?.toString('utf8') ?? '';
              if (id !== '') statuses.set(id, accessStatusOf(id, value));
            }
          },
        ),
      ),
    );
  } finally {
    await admin.disconnect();
  }
  return statuses;
}

/** A throwaway group for one read; nothing is committed under it. */
function accessGroup(): string {
  return `onward-access-${randomBytes(6).toString('hex')}`;
}
