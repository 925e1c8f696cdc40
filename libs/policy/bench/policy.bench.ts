/**
 * Policy engine throughput: decisions per second on a realistic mix of requests, against
 * JSON.parse + JSON.stringify of the same inputs in the same run (a floor every message pays
 * anyway). Prints both, their ratio, and as its last line
 * {"decisionsPerSec","jsonRoundTripsPerSec","ratio"}.
 * Run: npm run --silent build && node dist/libs/policy/bench/policy.bench.js [seconds]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide, loadPolicy, type DecideInput } from '@app/policy';
import { benchMix } from './mix';

const seconds = Number(process.argv[2] ?? '2');
// From libs/policy/bench (ts) or dist/libs/policy/bench (js).
const policyFile = [
  join(__dirname, '../policies/coursera-privacy.yaml'),
  join(__dirname, '../../../../libs/policy/policies/coursera-privacy.yaml'),
].find((p) => existsSync(p));
if (policyFile === undefined) throw new Error('coursera-privacy.yaml not found');
const policy = loadPolicy(readFileSync(policyFile, 'utf8'));
const options = { pseudonymKey: Buffer.from('bench-pseudonym-key-0123456789') };
const now = new Date('2026-03-01T10:00:00Z');

const inputs: DecideInput[] = benchMix(4096);
const texts = inputs.map((i) => JSON.stringify(i));

/** Runs `op` over the inputs round-robin for about `seconds`; returns operations per second. */
function rate(op: (i: number) => unknown): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink ^= op(i % inputs.length) === null ? 1 : 0; // warm-up
  let count = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let t = start;
  while (t < deadline) {
    for (let k = 0; k < 1000; k++, count++) sink ^= op(count % inputs.length) === null ? 1 : 0;
    t = process.hrtime.bigint();
  }
  if (sink === 42) process.stdout.write(''); // keep the results alive
  return count / (Number(t - start) / 1e9);
}

const decisionsPerSec = rate((i) => decide(policy, inputs[i], now, options));
const jsonRoundTripsPerSec = rate((i) => JSON.stringify(JSON.parse(texts[i])));
const ratio = decisionsPerSec / jsonRoundTripsPerSec;
const allowed = inputs.filter((i) => decide(policy, i, now, options).decision === 'allow').length;
const bytes = texts.reduce((n, t) => n + t.length, 0) / texts.length;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
process.stdout.write(
  `inputs: ${inputs.length} (${Math.round((100 * allowed) / inputs.length)}% allowed, ` +
    `mean ${Math.round(bytes)} bytes as JSON), ${seconds} s per measurement\n` +
    `decide:                    ${fmt(decisionsPerSec)} decisions/s\n` +
    `JSON.parse+JSON.stringify: ${fmt(jsonRoundTripsPerSec)} round trips/s\n` +
    `ratio:                     ${ratio.toFixed(2)}\n`,
);
process.stdout.write(
  `${JSON.stringify({
    decisionsPerSec: Math.round(decisionsPerSec),
    jsonRoundTripsPerSec: Math.round(jsonRoundTripsPerSec),
    ratio: Number(ratio.toFixed(2)),
  })}\n`,
);
