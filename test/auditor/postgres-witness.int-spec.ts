// The witness on the PostgreSQL store, each test in a database of its own: the same suite as on
// SQLite (apps/auditor/src/witness/witness.spec.ts), and a second handle on one database
// standing for a second auditor.
import pino from 'pino';
import { PostgresWitnessRepository } from '../../apps/auditor/src/witness/postgres/postgres-witness.repository';
import { describeWitness } from '../support/auditor/witness-suite';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

const logger = pino({ level: 'silent' });
const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const db of databases) await db.drop();
});

describeWitness('PostgreSQL', {
  open: async () => {
    const db = await createTestDatabase('witness');
    databases.push(db);
    return PostgresWitnessRepository.open(db.url, logger);
  },
  reopen: async () => PostgresWitnessRepository.open(databases.at(-1)!.url, logger),
});
