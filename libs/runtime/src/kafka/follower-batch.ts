import type { StreamRecord } from './stream-record';

/** The smallest shape of a fetched record the follower reads (kafkajs' `KafkaMessage` fits). */
export interface FetchedRecord {
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  timestamp: string;
}

/**
 * Splits a fetched batch into runs of at most `max` records, in offset order, as the runtime's
 * own record type: a handler never sees more than it was sized for, however much one fetch held.
 */
export function chunkRecords(messages: readonly FetchedRecord[], max: number): StreamRecord[][] {
  const size = Math.max(1, Math.floor(max));
  const chunks: StreamRecord[][] = [];
  for (let i = 0; i < messages.length; i += size) {
    chunks.push(
      messages
        .slice(i, i + size)
        .map((m) => ({ offset: m.offset, key: m.key, value: m.value, timestamp: m.timestamp })),
    );
  }
  return chunks;
}

/**
 * Runs `task` while beating every `intervalMs`, so a long handler does not cost the follower
 * its place in the group. A failed beat (a rebalance started) is left to the beat after the
 * task, whose error the consumer handles by rejoining.
 */
export async function withHeartbeats<T>(
  heartbeat: () => Promise<void>,
  intervalMs: number,
  task: () => Promise<T>,
): Promise<T> {
  const timer = setInterval(() => void heartbeat().catch(() => undefined), intervalMs);
  try {
    return await task();
  } finally {
    clearInterval(timer);
  }
}

/** Resolves true when `work` settles within `ms`, false when the time ran out first. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true).catch(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
