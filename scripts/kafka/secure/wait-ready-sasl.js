// wait-ready.js for the secured mode: the same readiness check (a client metadata request that
// succeeds, with a controller elected), made over SASL/SCRAM-SHA-512 as the super-user.
//   KAFKA_SASL_USERNAME=admin KAFKA_SASL_PASSWORD_FILE=FILE node wait-ready-sasl.js HOST:PORT TIMEOUT_MS [PID]
// The password is read from the file and never printed.
'use strict';
const { readFileSync } = require('node:fs');
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
  const username = process.env.KAFKA_SASL_USERNAME;
  const password = readFileSync(process.env.KAFKA_SASL_PASSWORD_FILE, 'utf8').trim();
  const kafka = new Kafka({
    clientId: 'onward-wait-ready',
    brokers: [bootstrap],
    sasl: { mechanism: 'scram-sha-512', username, password },
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
      if (cluster.brokers.length > 0 && cluster.controller !== null) {
        console.error(`broker ready at ${bootstrap} (cluster ${cluster.clusterId}, SASL)`);
        return;
      }
    } catch (err) {
      // Error names only: a SASL error's text can quote the server's, never the password.
      lastError = err && err.name ? err.name : 'error';
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `broker at ${bootstrap} not ready over SASL after ${timeoutMs} ms (${lastError})`,
  );
}

main().catch((err) => {
  console.error(String(err.message || err));
  process.exit(1);
});
