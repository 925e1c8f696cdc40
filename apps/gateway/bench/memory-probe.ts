/**
 * Preloaded into the gateway by the state benchmark (`node --expose-gc -r memory-probe.js`):
 * on SIGUSR2, forces a full garbage collection and prints the process's memory as one line,
 * `{"memoryProbe":{"heapUsed":…,"rss":…}}`, so heap growth is measured after GC.
 */
process.on('SIGUSR2', () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  process.stdout.write(`${JSON.stringify({ memoryProbe: { heapUsed, rss } })}\n`);
});
