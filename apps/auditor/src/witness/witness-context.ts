import { join } from 'node:path';
import {
  ED25519_COSIGNATURE_TYPE,
  parseSignerKey,
  parseVerifierKey,
  type NoteSigner,
  type NoteVerifier,
} from '@app/contracts';
import { readFileSync } from 'node:fs';
import { ConfigurationError, type Kafka, TopicAdmin } from '@app/runtime';
import type { Logger } from 'pino';
import { PostgresWitnessRepository } from './postgres/postgres-witness.repository';
import { SqliteWitnessRepository } from './sqlite/sqlite-witness.repository';
import type { WitnessRepository } from './witness.repository';

/** Injection token of the {@link WitnessContext}. */
export const WITNESS_CONTEXT = Symbol('WITNESS_CONTEXT');

/** The witness's keys, store and the cluster its origin lines name; keys null: witness off. */
export interface WitnessContext {
  repo: WitnessRepository;
  clusterId: string;
  logKeys: NoteVerifier[];
  cosigner: NoteSigner | null;
}

/** The witness settings of the auditor's environment. */
export interface WitnessEnv {
  AUDITOR_DATA_DIR: string;
  AUDITOR_DATABASE_URL?: string;
  AUDITOR_CHECKPOINT_KEYS?: string;
  AUDITOR_WITNESS_KEY?: string;
  AUDITOR_WITNESS_KEY_FILE?: string;
  ONWARD_CLUSTER_ID?: string;
}

/**
 * Reads the witness keys (log verifier keys from AUDITOR_CHECKPOINT_KEYS, comma or space
 * separated; the cosigner key from AUDITOR_WITNESS_KEY_FILE or AUDITOR_WITNESS_KEY) and opens
 * its store where the auditor's is: in the PostgreSQL store when AUDITOR_DATABASE_URL is set
 * (shared by the auditors of that database; open the audit store first, it checks the
 * database belongs to this cluster and topic), else a SQLite file per cluster and audit topic
 * beside the auditor's. A key that is set but malformed stops the auditor; none set leaves the
 * witness off.
 */
export async function openWitnessContext(
  kafka: Kafka,
  env: WitnessEnv,
  auditTopic: string,
  logger: Logger,
): Promise<WitnessContext> {
  const logKeys = keyList(env.AUDITOR_CHECKPOINT_KEYS ?? '');
  const cosigner = cosignerKey(env);
  const clusterId = await TopicAdmin.using(kafka, (topics) => topics.clusterId());
  const safe = (name: string): string => name.replace(/[^a-zA-Z0-9._-]/g, '_');
  const file = join(env.AUDITOR_DATA_DIR, safe(clusterId), `${safe(auditTopic)}.witness.sqlite`);
  return {
    repo:
      env.AUDITOR_DATABASE_URL === undefined
        ? SqliteWitnessRepository.open(file)
        : await PostgresWitnessRepository.open(env.AUDITOR_DATABASE_URL, logger),
    clusterId: env.ONWARD_CLUSTER_ID ?? clusterId,
    logKeys,
    cosigner,
  };
}

function keyList(text: string): NoteVerifier[] {
  try {
    return text
      .split(/[\s,]+/)
      .filter((k) => k !== '')
      .map((k) => parseVerifierKey(k));
  } catch (cause) {
    throw new ConfigurationError('AUDITOR_CHECKPOINT_KEYS holds a malformed verifier key', {
      cause,
    });
  }
}

function cosignerKey(env: WitnessEnv): NoteSigner | null {
  let text = env.AUDITOR_WITNESS_KEY;
  if (env.AUDITOR_WITNESS_KEY_FILE) {
    try {
      text = readFileSync(env.AUDITOR_WITNESS_KEY_FILE, 'utf8').trim();
    } catch (cause) {
      throw new ConfigurationError('cannot read AUDITOR_WITNESS_KEY_FILE', { cause });
    }
  }
  if (!text) return null;
  let key: NoteSigner;
  try {
    key = parseSignerKey(text);
  } catch (cause) {
    throw new ConfigurationError('the witness key is not a signed-note signer key', { cause });
  }
  if (key.type !== ED25519_COSIGNATURE_TYPE) {
    throw new ConfigurationError('the witness key must be a cosignature key (type 0x04)');
  }
  return key;
}
