// The built auditor as a child process, and a small client for its compliance API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type AppProcess } from '../app-process';
import { testBrokers } from '../kafka';
import { createTestDatabase, type TestDatabase } from '../postgres';
import { waitFor } from '../wait-for';

/** A token long enough for the auditor's rule, different in every test run. */
export const testToken = (): string => `tok-${Math.random().toString(36).slice(2)}-${Date.now()}`;

/** The auditor's stores; suites that must hold for both run once per store. */
export const STORES = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORES)[number];

/** A running auditor: the process, its URL, its token and a JSON client. */
export interface RunningAuditor {
  app: AppProcess;
  url: string;
  token: string;
  dataDir: string;
  store: StoreKind;
  /** The PostgreSQL store's URL (postgres only). */
  databaseUrl?: string;
  /** Stops the process and drops the database it created (if it created one). */
  close(signal?: NodeJS.Signals): Promise<void>;
  /** GET `path` with the bearer token; throws unless 200. */
  get<T = unknown>(path: string): Promise<T>;
  /** GET `path` with the given headers, for status checks. */
  raw(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * Starts the auditor on `prefix` with a fresh (or the given) store and a short hold: SQLite in
 * a data dir, or PostgreSQL in a database of its own (or the given `databaseUrl`).
 */
export async function startAuditor(options: {
  prefix: string;
  token?: string;
  dataDir?: string;
  store?: StoreKind;
  databaseUrl?: string;
  holdMs?: number;
  env?: Record<string, string>;
}): Promise<RunningAuditor> {
  const token = options.token ?? testToken();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'onward-auditor-'));
  const store = options.store ?? (options.databaseUrl === undefined ? 'sqlite' : 'postgres');
  let database: TestDatabase | undefined;
  let databaseUrl = options.databaseUrl;
  if (store === 'postgres' && databaseUrl === undefined) {
    database = await createTestDatabase('auditor');
    databaseUrl = database.url;
  }
  const app = startApp('auditor', {
    ...(databaseUrl === undefined ? {} : { AUDITOR_DATABASE_URL: databaseUrl }),
    KAFKA_BROKERS: testBrokers().join(','),
    ONWARD_TOPIC_PREFIX: options.prefix,
    AUDITOR_HTTP_PORT: '0',
    AUDITOR_DATA_DIR: dataDir,
    AUDITOR_TOKEN: token,
    AUDITOR_HOLD_MS: String(options.holdMs ?? 300),
    ...options.env,
  });
  let url: string;
  try {
    url = await app.url();
  } catch (error) {
    await app.stop();
    await database?.drop();
    throw error;
  }
  const raw = (path: string, init?: RequestInit) => fetch(`${url}${path}`, init);
  const get = async <T>(path: string): Promise<T> => {
    const res = await raw(path, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const close = async (signal?: NodeJS.Signals): Promise<void> => {
    await app.stop(signal);
    await database?.drop();
  };
  return { app, url, token, dataDir, store, databaseUrl, close, get, raw };
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
    { timeoutMs: 120_000, what: `the auditor to read ${counts.join('/')} records` },
  );
}
