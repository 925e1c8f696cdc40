// The auditor as a witness (issue 13): the gateway signs checkpoints, the auditor verifies
// and cosigns them, and `GET /api/events/:eventId/proof` gives a receipt that verifies offline
// with the two public keys; any changed byte of event, proof or checkpoint fails it. Once per
// store: on PostgreSQL the witness keeps its state in the database, not in a local file, and
// two auditors on one database share it.
import { readdirSync } from 'node:fs';
import {
  ED25519_COSIGNATURE_TYPE,
  ED25519_NOTE_TYPE,
  generateNoteKey,
  parseVerifierKey,
  verifyEventProof,
  type EventProof,
} from '@app/contracts';
import { Pool } from 'pg';
import { STORES, startAuditor, type RunningAuditor } from '../support/auditor/auditor-process';
import { recipient, shareRequest, subject } from '../support/fixtures';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { GatewayHarness } from '../support/gateway-harness';
import { waitFor } from '../support/wait-for';

const log = generateNoteKey('onward.test/gateway', ED25519_NOTE_TYPE);
const witness = generateNoteKey('onward.test/auditor', ED25519_COSIGNATURE_TYPE);
const instructor = recipient('instructor');

interface CheckpointsBody {
  cosigned: { partition: number; size: number }[];
  alerts: { kind: string }[];
}

/** The witness files under the auditor's data directory (SQLite store only). */
function witnessFiles(dataDir: string): string[] {
  return readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.witness.sqlite'),
  );
}

/** The cosigned sizes per partition the database holds, and its leaves per partition. */
async function storedWitness(
  databaseUrl: string,
): Promise<{ heads: [number, number][]; leaves: [number, number][] }> {
  const pool = new Pool({ connectionString: databaseUrl });
  try {
    const heads = await pool.query<{ partition: number; size: string }>(
      'SELECT partition, size FROM witness_heads ORDER BY partition',
    );
    const leaves = await pool.query<{ partition: number; n: number }>(
      'SELECT partition, count(*)::integer AS n FROM witness_leaves GROUP BY partition ORDER BY 1',
    );
    return {
      heads: heads.rows.map((r) => [r.partition, Number(r.size)]),
      leaves: leaves.rows.map((r) => [r.partition, r.n]),
    };
  } finally {
    await pool.end();
  }
}

/** Starts a checkpointing gateway on `harness` with one recipient and six subjects. */
async function startCheckpointingGateway(harness: GatewayHarness): Promise<void> {
  await harness.startGateway({
    GATEWAY_CHECKPOINT_KEY: log.signer,
    GATEWAY_CHECKPOINT_INTERVAL_MS: '300',
  });
  await harness.connect();
  await harness.putRecipients([instructor]);
  await harness.putSubjects(Array.from({ length: 6 }, (_, i) => subject(`wt-s-${i}`)));
  await harness.startReading([instructor.recipientId]);
}

/** Sends 24 share requests; the audit events per partition once all are decided. */
async function decide(harness: GatewayHarness): Promise<Map<number, number>> {
  await harness.request(
    Array.from({ length: 24 }, (_, i) =>
      shareRequest(`wt-${i}`, `wt-s-${i % 6}`, instructor.recipientId, 'course_administration'),
    ),
  );
  return harness.awaitAllDecided(120_000);
}

/** Waits until `auditor`'s witness has cosigned every partition at its full size. */
function cosignedAll(
  auditor: RunningAuditor,
  lengths: Map<number, number>,
): Promise<CheckpointsBody> {
  return waitFor(
    async () => {
      const b = await auditor.get<CheckpointsBody>('/api/checkpoints');
      const done = [...lengths].every(
        ([p, n]) => n === 0 || b.cosigned.some((c) => c.partition === p && c.size === n),
      );
      return done ? b : null;
    },
    { timeoutMs: 90_000, what: 'the witness to cosign every partition at its full size' },
  );
}

const witnessEnv = { AUDITOR_CHECKPOINT_KEYS: log.verifier, AUDITOR_WITNESS_KEY: witness.signer };
const proofKeys = () => ({
  logKeys: [parseVerifierKey(log.verifier)],
  witnessKeys: [parseVerifierKey(witness.verifier)],
  minCosignatures: 1,
});

describe.each(STORES)('the checkpoint witness (%s store)', (store) => {
  const harness = new GatewayHarness(2);
  let auditor: RunningAuditor | undefined;

  afterAll(async () => {
    await auditor?.close('SIGTERM');
    await harness.close();
  });

  it('cosigns the gateway checkpoints and serves receipts that verify offline', async () => {
    await startCheckpointingGateway(harness);
    auditor = await startAuditor({ prefix: harness.prefix, store, env: witnessEnv });
    const lengths = await decide(harness);
    const body = await cosignedAll(auditor, lengths);
    expect(body.alerts).toEqual([]);
    // Where the witness keeps its state: the database when the auditor uses PostgreSQL.
    const full = [...lengths].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
    if (auditor.databaseUrl === undefined) {
      expect(witnessFiles(auditor.dataDir)).toHaveLength(1);
    } else {
      expect(witnessFiles(auditor.dataDir)).toEqual([]);
      expect((await storedWitness(auditor.databaseUrl)).heads).toEqual(full);
    }

    const event = await harness.auditOf('wt-7');
    const proof = await auditor.get<EventProof>(`/api/events/${event.eventId}/proof`);
    const keys = proofKeys();
    expect(proof.event).toEqual(event);
    expect(verifyEventProof(proof, keys)).toMatchObject({ ok: true });
    const unknown = await auditor.raw('/api/events/ev-nope/proof', {
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    expect(unknown.status).toBe(404);
    // The page shows each partition's latest cosigned size.
    const login = await auditor.raw('/ui/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: auditor.token }).toString(),
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await (await auditor.raw('/ui', { headers: { cookie } })).text();
    for (const [p, n] of lengths) {
      if (n > 0) expect(page).toMatch(new RegExp(`<td>${p}</td>\\s*<td>${n}</td>`));
    }

    // Any changed byte of the event, the proof or the checkpoint fails the receipt.
    const text = JSON.stringify(proof);
    let changed = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i];
      if (!/[0-9a-zA-Z]/.test(c)) continue;
      const swapped = c === 'a' ? 'b' : c === '0' ? '1' : /[0-9]/.test(c) ? '0' : 'a';
      let parsed: EventProof;
      try {
        parsed = JSON.parse(text.slice(0, i) + swapped + text.slice(i + 1)) as EventProof;
      } catch {
        continue;
      }
      changed += 1;
      expect({ at: i, ok: verifyEventProof(parsed, keys).ok }).toEqual({ at: i, ok: false });
    }
    expect(changed).toBeGreaterThan(500);
  });
});

describe('two auditors on one PostgreSQL store', () => {
  const harness = new GatewayHarness(2);
  let database: TestDatabase | undefined;
  const auditors: RunningAuditor[] = [];

  afterAll(async () => {
    for (const a of auditors) await a.close('SIGTERM');
    await harness.close();
    await database?.drop();
  });

  it('share one witness: each leaf stored once, one head per partition, receipts from both', async () => {
    database = await createTestDatabase('witness');
    await startCheckpointingGateway(harness);
    const start = () =>
      startAuditor({ prefix: harness.prefix, databaseUrl: database!.url, env: witnessEnv });
    auditors.push(...(await Promise.all([start(), start()])));
    const lengths = await decide(harness);
    for (const auditor of auditors) {
      expect((await cosignedAll(auditor, lengths)).alerts).toEqual([]);
      expect(witnessFiles(auditor.dataDir)).toEqual([]);
    }
    const full = [...lengths].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
    expect(await storedWitness(database.url)).toEqual({ heads: full, leaves: full });
    const event = await harness.auditOf('wt-11');
    for (const auditor of auditors) {
      const proof = await auditor.get<EventProof>(`/api/events/${event.eventId}/proof`);
      expect(verifyEventProof(proof, proofKeys())).toMatchObject({ ok: true });
    }
  });
});
