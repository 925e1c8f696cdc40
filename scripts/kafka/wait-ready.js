// Waits until a Kafka client's metadata request to BOOTSTRAP succeeds with a controller
// elected (readiness that a log line cannot fake), or the deadline passes, or the broker
// process PID exits. With NODES, it also waits until that many brokers are in the metadata.
// Over SASL/SCRAM-SHA-512 when KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE are set (the
// secured mode); the password is never printed.
//   node wait-ready.js HOST:PORT[,HOST:PORT...] TIMEOUT_MS [PID] [NODES]
'use strict';
const { readFileSync } = require('node:fs');
const { Kafka, logLevel } = require('kafkajs');

const [bootstrap, timeoutMs = '60000', pid, nodes = '1'] = process.argv.slice(2);
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

function saslOptions() {
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD_FILE: file } = process.env;
  if (!username || !file) return undefined;
  return { mechanism: 'scram-sha-512', username, password: readFileSync(file, 'utf8').trim() };
}

async function main() {
  const sasl = saslOptions();
  const kafka = new Kafka({
    clientId: 'onward-wait-ready',
    brokers: bootstrap.split(','),
    sasl,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1000,
  });
  let lastError = '';
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`broker process ${pid} exited during start-up`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      await admin.disconnect();
      if (cluster.brokers.length >= Number(nodes) && cluster.controller !== null) {
        console.error(
          `broker ready at ${bootstrap} (cluster ${cluster.clusterId}${sasl ? ', SASL' : ''})`,
        );
        return;
      }
    } catch (err) {
      // Error names only: a SASL error's text can quote the server's, never the password.
      lastError = err && err.name ? err.name : 'error';
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`broker at ${bootstrap} not ready after ${timeoutMs} ms (${lastError})`);
}

main().catch((err) => {
  console.error(String(err.message || err));
  process.exit(1);
});
