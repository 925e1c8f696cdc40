// The built auditor as a child process, and a small client for its compliance API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type AppProcess } from '../app-process';
import { testBrokers } from '../kafka';
import { waitFor } from '../wait-for';

/** A token long enough for the auditor's rule, different in every test run. */
export const testToken = (): string => `tok-${Math.random().toString(36).slice(2)}-${Date.now()}`;

/** A running auditor: the process, its URL, its token and a JSON client. */
export interface RunningAuditor {
  app: AppProcess;
  url: string;
  token: string;
  dataDir: string;
  /** GET `path` with the bearer token; throws unless 200. */
  get<T = unknown>(path: string): Promise<T>;
  /** GET `path` with the given headers, for status checks. */
  raw(path: string, init?: RequestInit): Promise<Response>;
}

/** Starts the auditor on `prefix` with a fresh (or the given) data dir and a short hold. */
export async function startAuditor(options: {
  prefix: string;
  token?: string;
  dataDir?: string;
  holdMs?: number;
  env?: Record<string, string>;
}): Promise<RunningAuditor> {
  const token = options.token ?? testToken();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'onward-auditor-'));
  const app = startApp('auditor', {
    KAFKA_BROKERS: testBrokers().join(','),
    ONWARD_TOPIC_PREFIX: options.prefix,
    AUDITOR_HTTP_PORT: '0',
    AUDITOR_DATA_DIR: dataDir,
    AUDITOR_TOKEN: token,
    AUDITOR_HOLD_MS: String(options.holdMs ?? 300),
    ...options.env,
  });
  const url = await app.url();
  const raw = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);
  const get = async <T>(path: string): Promise<T> => {
    const res = await raw(path, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return { app, url, token, dataDir, get, raw };
}

/** The integrity report's shape, as far as the tests read it. */
export interface IntegrityBody {
  status: 'green' | 'red';
  partitions: {
    partition: number;
    status: 'green' | 'red';
    recordsRead: number;
    eventsVerified: number;
    lastVerifiedSeq: number | null;
    lastVerifiedHash: string | null;
    openAlerts: {
      id: number;
      partition: number;
      seq: number;
      offset: number | null;
      kind: string;
    }[];
  }[];
}

/** Waits until the auditor has read `counts[p]` records of every partition p. */
export async function waitForRecords(
  auditor: RunningAuditor,
  counts: number[],
): Promise<IntegrityBody> {
  return waitFor(
    async () => {
      const report = await auditor.get<IntegrityBody>('/api/integrity');
      const read = report.partitions.map((p) => p.recordsRead);
      return counts.every((n, p) => read[p] === n) ? report : null;
    },
    { timeoutMs: 60_000, what: `the auditor to read ${counts.join('/')} records` },
  );
}
