/**
 * Writes `libs/contracts/schemas/<message>.schema.json` from the TypeBox definitions of the
 * wire messages (`libs/contracts/src/messages/*.message.ts`), formatted by the repository's
 * Prettier config.
 *
 *   npm run contracts:schemas             write the files
 *   npm run contracts:schemas -- --check  write nothing; exit 1 when a committed file is stale
 *
 * Run from the repository root.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { publishedSchemas } from '@app/contracts';

const SCHEMA_DIR = resolve('libs/contracts/schemas');

async function render(file: string, schema: unknown): Promise<string> {
  const path = join(SCHEMA_DIR, file);
  const options = (await resolveConfig(path)) ?? {};
  return format(JSON.stringify(schema), { ...options, filepath: path });
}

async function readOrNull(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

async function main(check: boolean): Promise<number> {
  const schemas = publishedSchemas();
  const wanted = new Set(schemas.map((s) => s.file));
  const existing = await readdir(SCHEMA_DIR).catch(() => [] as string[]);
  // A schema no message produces any more is reported, never deleted behind the user's back.
  const problems = existing
    .filter((f) => f.endsWith('.schema.json') && !wanted.has(f))
    .map((f) => `${f}: no message produces it any more; delete it`);
  await mkdir(SCHEMA_DIR, { recursive: true });
  for (const { file, schema } of schemas) {
    const path = join(SCHEMA_DIR, file);
    const text = await render(file, schema);
    if ((await readOrNull(path)) === text) continue;
    if (check) {
      problems.push(`${file}: stale; run npm run contracts:schemas`);
      continue;
    }
    await writeFile(path, text);
    console.log(`wrote libs/contracts/schemas/${file}`);
  }
  for (const line of problems) console.error(line);
  return problems.length > 0 ? 1 : 0;
}

main(process.argv.includes('--check')).then((code) => process.exit(code));
