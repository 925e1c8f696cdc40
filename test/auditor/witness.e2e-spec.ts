// The auditor as a witness (issue 13): the gateway signs checkpoints, the auditor verifies
// and cosigns them, and `GET /api/events/:eventId/proof` gives a receipt that verifies offline
// with the two public keys; any changed byte of event, proof or checkpoint fails it. Once per
// store: on PostgreSQL the witness keeps its state in the database, not in a local file.
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

/** The cosigned sizes per partition the database holds. */
async function storedHeads(databaseUrl: string): Promise<[number, number][]> {
  const pool = new Pool({ connectionString: databaseUrl });
  try {
    const { rows } = await pool.query<{ partition: number; size: string }>(
      'SELECT partition, size FROM witness_heads ORDER BY partition',
    );
    return rows.map((r) => [r.partition, Number(r.size)]);
  } finally {
    await pool.end();
  }
}

describe.each(STORES)('the checkpoint witness (%s store)', (store) => {
  const harness = new GatewayHarness(2);
  let auditor: RunningAuditor | undefined;

  afterAll(async () => {
    await auditor?.close('SIGTERM');
    await harness.close();
  });

  it('cosigns the gateway checkpoints and serves receipts that verify offline', async () => {
    await harness.startGateway({
      GATEWAY_CHECKPOINT_KEY: log.signer,
      GATEWAY_CHECKPOINT_INTERVAL_MS: '300',
    });
    await harness.connect();
    await harness.putRecipients([instructor]);
    await harness.putSubjects(Array.from({ length: 6 }, (_, i) => subject(`wt-s-${i}`)));
    await harness.startReading([instructor.recipientId]);
    auditor = await startAuditor({
      prefix: harness.prefix,
      store,
      env: { AUDITOR_CHECKPOINT_KEYS: log.verifier, AUDITOR_WITNESS_KEY: witness.signer },
    });
    await harness.request(
      Array.from({ length: 24 }, (_, i) =>
        shareRequest(`wt-${i}`, `wt-s-${i % 6}`, instructor.recipientId, 'course_administration'),
      ),
    );
    const lengths = await harness.awaitAllDecided(120_000);
    const body = await waitFor(
      async () => {
        const b = await auditor!.get<CheckpointsBody>('/api/checkpoints');
        const done = [...lengths].every(
          ([p, n]) => n === 0 || b.cosigned.some((c) => c.partition === p && c.size === n),
        );
        return done ? b : null;
      },
      { timeoutMs: 90_000, what: 'the witness to cosign every partition at its full size' },
    );
    expect(body.alerts).toEqual([]);
    // Where the witness keeps its state: the database when the auditor uses PostgreSQL.
    const full = [...lengths].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
    if (auditor.databaseUrl === undefined) {
      expect(witnessFiles(auditor.dataDir)).toHaveLength(1);
    } else {
      expect(witnessFiles(auditor.dataDir)).toEqual([]);
      expect(await storedHeads(auditor.databaseUrl)).toEqual(full);
    }

    const event = await harness.auditOf('wt-7');
    const proof = await auditor.get<EventProof>(`/api/events/${event.eventId}/proof`);
    const keys = {
      logKeys: [parseVerifierKey(log.verifier)],
      witnessKeys: [parseVerifierKey(witness.verifier)],
      minCosignatures: 1,
    };
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
