// The committed JSON Schemas are what the generator makes from the DTOs today, and the
// generator refuses to make anything when a DTO and its mirror disagree.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LegalBasisDto } from '../src/dto/share-request.dto';
import { BOUNDS } from '../src/dto/bounds';
import { driftOf, generateMessageSchemas, MESSAGE_SCHEMA_SOURCES } from '../src/schema';
import { anyString, oneOf, text } from '../src/schema/fragments';
import { dtoSpec } from '../src/schema/property-spec';

const SCHEMA_DIR = join(__dirname, '..', 'schemas');
const REGENERATE = 'run `npm run contracts:schemas` and commit libs/contracts/schemas';

describe('libs/contracts/schemas', () => {
  const generated = generateMessageSchemas();

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
    '%s equals what the generator makes from the DTOs now',
    (file, { schema }) => {
      const committed: unknown = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'));
      // Compared as text of the parsed JSON: key order counts, formatting does not.
      const same = JSON.stringify(committed) === JSON.stringify(schema);
      if (!same) throw new Error(`${file} is stale: ${REGENERATE}`);
    },
  );
});

describe('the drift check behind the generator', () => {
  // The real mirror of LegalBasisDto is { kind: text(1, 64), reference: text(0, 256, optional) }.
  const mirror = (kind: ReturnType<typeof text>, extra = {}) =>
    dtoSpec(LegalBasisDto, 'LegalBasis', 'test', {
      kind,
      reference: text(0, BOUNDS.reference, { optional: true }),
      ...extra,
    });

  it('finds no drift in the mirrors of the five messages', () => {
    const problems = MESSAGE_SCHEMA_SOURCES.flatMap((source) => driftOf(source.spec));
    expect(problems).toEqual([]);
  });

  it('finds no drift in a faithful mirror', () => {
    expect(driftOf(mirror(text(1, BOUNDS.legalBasisKind)))).toEqual([]);
  });

  it.each([
    ['a longer bound', text(1, BOUNDS.legalBasisKind + 1), /DTO refuses "a"×65, the mirror/],
    ['a shorter bound', text(1, BOUNDS.legalBasisKind - 1), /DTO accepts "a"×64, the mirror/],
    ['an empty string allowed', text(0, BOUNDS.legalBasisKind), /DTO refuses "", the mirror/],
    ['optional', text(1, BOUNDS.legalBasisKind, { optional: true }), /refuses absent/],
    ['nullable', text(1, BOUNDS.legalBasisKind, { nullable: true }), /refuses null/],
    ['another rule', anyString(), /DTO rule text, mirror says string/],
    ['an enumeration', oneOf(['subpoena']), /DTO rule text, mirror says oneOf/],
  ])('reports a mirror that says %s', (_what, kind, problem) => {
    const problems = driftOf(mirror(kind));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((line) => line.startsWith('LegalBasis.kind: '))).toBe(true);
    expect(problems.join('\n')).toMatch(problem);
  });

  it('reports a fixed presence where the DTO makes it depend on a sibling', () => {
    const recipient = MESSAGE_SCHEMA_SOURCES.find((s) => s.name === 'Recipient')!.spec;
    const fields = { ...recipient.properties.fields, presence: { optional: true } };
    const problems = driftOf({ ...recipient, properties: { ...recipient.properties, fields } });
    expect(problems).toEqual([
      'Recipient.fields: DTO refuses absent with {"kind":"contractor"}, the mirror accepts it',
    ]);
  });

  it('reports a property the DTO does not declare', () => {
    const problems = driftOf(mirror(text(1, BOUNDS.legalBasisKind), { court: text(1, 10) }));
    expect(problems).toContain(
      'LegalBasis: DTO declares [kind,reference], mirror has [kind,reference,court]',
    );
  });

  it('makes the generator throw, listing every problem, rather than write a wrong schema', () => {
    const [first, ...rest] = MESSAGE_SCHEMA_SOURCES;
    const properties = { ...first.spec.properties, requestId: text(1, BOUNDS.requestId + 1) };
    const drifted = { ...first, spec: { ...first.spec, properties } };
    expect(() => generateMessageSchemas([drifted, ...rest])).toThrow(
      /ShareRequest\.requestId: DTO refuses "a"×129, the mirror accepts it/,
    );
  });
});
