// The committed JSON Schemas are what the generator renders from the TypeBox definitions now.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedSchemas } from '../src/messages/published';

const SCHEMA_DIR = join(__dirname, '..', 'schemas');
const REGENERATE = 'run `npm run contracts:schemas` and commit libs/contracts/schemas';

describe('libs/contracts/schemas', () => {
  const generated = publishedSchemas();

  it('holds exactly one schema file per message of DESIGN §3', () => {
    const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(generated.map((s) => s.file).sort());
    expect(generated.map((s) => s.name)).toEqual([
      'ShareRequest',
      'Recipient',
      'SubjectProfile',
      'Share',
      'AuditEvent',
    ]);
  });

  it.each(generated.map((s) => [s.file, s] as const))(
    '%s equals what the generator renders from the TypeBox definitions now',
    (file, { schema }) => {
      const committed: unknown = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'));
      // Compared as text of the parsed JSON: key order counts, formatting does not.
      if (JSON.stringify(committed) !== JSON.stringify(schema)) {
        expect(schema).toEqual(committed); // shows where, before failing with the remedy
        throw new Error(`${file} is stale: ${REGENERATE}`);
      }
    },
  );
});
