// Waits until a Kafka client's metadata request to BOOTSTRAP succeeds (readiness that a
// log line cannot fake), or the deadline passes, or the broker process PID exits.
//   node wait-ready.js HOST:PORT TIMEOUT_MS [PID]
'use strict';
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, timeoutMs = '60000', pid] = process.argv.slice(2);
const deadline = Date.now() + Number(timeoutMs);
const alive = () => {
  if (!pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
};

async function main() {
  const kafka = new Kafka({
    clientId: 'onward-wait-ready',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1000,
  });
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`broker process ${pid} exited during start-up`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      await admin.disconnect();
      if (cluster.brokers.length > 0 && cluster.controller !== null) {
        console.error(`broker ready at ${bootstrap} (cluster ${cluster.clusterId})`);
        return;
      }
    } catch {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`broker at ${bootstrap} not ready after ${timeoutMs} ms`);
}

main().catch((err) => {
  console.error(String(err.message || err));
  process.exit(1);
});
