import type { BrokerHandle } from './broker-backend';

/** Stops the broker globalSetup started (an external KAFKA_BROKERS is left alone). */
export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as { __ONWARD_BROKER__?: BrokerHandle }).__ONWARD_BROKER__;
  if (handle) await handle.stop();
}
