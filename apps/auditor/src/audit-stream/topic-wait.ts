import type { Admin } from '@app/runtime';

/** Partition ids of each topic once all of them exist, or null when `stopped()` first. */
export async function waitForTopics(
  admin: Admin,
  topics: readonly string[],
  options: { intervalMs: number; stopped: () => boolean; onWait: () => void },
): Promise<Map<string, number[]> | null> {
  let warned = false;
  while (!options.stopped()) {
    const existing = new Set(await admin.listTopics());
    if (topics.every((topic) => existing.has(topic))) {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      return new Map(
        metadata.topics.map((t) => [
          t.name,
          t.partitions.map((p) => p.partitionId).sort((a, b) => a - b),
        ]),
      );
    }
    // The gateway creates the topics; the auditor only reads and must not invent them.
    if (!warned) options.onWait();
    warned = true;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
  return null;
}
