/**
 * The benchmark's baseline: a raw kafkajs consume→produce passthrough with the gateway's
 * consumer settings (partitions consumed concurrently, bytes per partition), one produce per
 * fetched batch to the same partition of the output topic, offsets committed after each
 * batch, no transaction. Run as a child process by gateway.bench.ts, configured by env.
 */
import { Kafka, logLevel } from 'kafkajs';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  const kafka = new Kafka({
    clientId: 'bench-passthrough',
    brokers: env('KAFKA_BROKERS').split(','),
    logLevel: logLevel.ERROR,
  });
  const output = env('BENCH_OUTPUT_TOPIC');
  const producer = kafka.producer();
  const consumer = kafka.consumer({
    groupId: env('BENCH_GROUP_ID'),
    readUncommitted: false,
    maxBytesPerPartition: Number(env('BENCH_MAX_BYTES_PER_PARTITION')),
  });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topics: [env('BENCH_INPUT_TOPIC')], fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: Number(env('BENCH_CONCURRENT_PARTITIONS')),
    eachBatch: async ({ batch }) => {
      await producer.send({
        topic: output,
        acks: -1,
        messages: batch.messages.map((m) => ({
          partition: batch.partition,
          key: m.key,
          value: m.value,
          headers: m.headers,
        })),
      });
    },
  });
  process.stdout.write('passthrough running\n');
  const stop = (): void => {
    void Promise.all([consumer.disconnect(), producer.disconnect()]).finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`passthrough failed: ${String(err)}\n`);
  process.exit(1);
});
