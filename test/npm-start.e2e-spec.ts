// `npm start` keeps its data: a restart resumes the same broker (same cluster id, same topics)
// and the auditor answers the same history before new shares extend it; `--fresh` starts
// empty. Everything it writes is private (files 600, directories 700).
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { run } from '../apps/cli/src/program';
import { type NpmStart, startNpmStart } from './support/npm-start';

interface EventsPage {
  items: { partition: number; offset: string | number; event: { eventId: string } }[];
  nextCursor: string | null;
}

const home = mkdtempSync(join(tmpdir(), 'onward-npm-start-'));
let running: NpmStart | undefined;

afterAll(async () => {
  await running?.stop();
  rmSync(home, { recursive: true, force: true });
});

/** `onward demo` against this `npm start`, found through ONWARD_HOME as a newcomer's would. */
async function demo(onward: NpmStart, requests: number): Promise<string> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({ write: (chunk, _e, done) => (append(String(chunk)), done()) });
  const io = {
    stdin: Readable.from([]),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { ONWARD_HOME: home, AUDITOR_URL: onward.auditorUrl },
  };
  const code = await run(['demo', '--requests', String(requests), '--rate', '500'], io);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return stdout;
}

/** Every audit event id the auditor's API answers, page after page. */
async function eventIds(onward: NpmStart): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const res = await fetch(`${onward.auditorUrl}/api/events?limit=500${query}`, {
      headers: { authorization: `Bearer ${onward.token}` },
    });
    expect(res.status).toBe(200);
    const page = (await res.json()) as EventsPage;
    ids.push(...page.items.map((hit) => hit.event.eventId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

async function integrity(onward: NpmStart): Promise<{ status: string }> {
  const res = await fetch(`${onward.auditorUrl}/api/integrity`, {
    headers: { authorization: `Bearer ${onward.token}` },
  });
  return (await res.json()) as { status: string };
}

const clusterId = (): string =>
  /^cluster\.id=(.+)$/m.exec(readFileSync(join(home, 'kafka/data/meta.properties'), 'utf8'))![1];

/** Paths below `dir` whose mode is not 700 (directories) or 600 (files). */
function notPrivate(dir: string): string[] {
  const wrong: string[] = [];
  const mode = statSync(dir).mode & 0o777;
  if (mode !== 0o700) wrong.push(`${dir} ${mode.toString(8)}`);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) wrong.push(...notPrivate(path));
    else if (entry.isFile() && (statSync(path).mode & 0o777) !== 0o600) {
      wrong.push(`${path} ${(statSync(path).mode & 0o777).toString(8)}`);
    }
  }
  return wrong;
}

/** The first start creates the topics; the gateway's known start-up race may end it once. */
async function firstStart(): Promise<NpmStart> {
  try {
    return await startNpmStart(home);
  } catch {
    return startNpmStart(home);
  }
}

it('keeps the history across a restart, and starts empty with --fresh', async () => {
  running = await firstStart();
  await demo(running, 10);
  const before = await eventIds(running);
  expect(before.length).toBeGreaterThanOrEqual(12);
  const cluster = clusterId();
  expect(await running.stop()).toBe(0);
  expect(notPrivate(home)).toEqual([]);

  running = await startNpmStart(home);
  expect(running.output()).toContain(`resuming the broker`);
  expect(clusterId()).toBe(cluster);
  expect((await eventIds(running)).sort()).toEqual([...before].sort());
  await demo(running, 10);
  const after = await eventIds(running);
  expect(after).toEqual(expect.arrayContaining(before));
  expect(after.length).toBeGreaterThanOrEqual(before.length + 12);
  expect((await integrity(running)).status).toBe('green');
  expect(await running.stop()).toBe(0);

  running = await startNpmStart(home, ['--fresh']);
  expect(clusterId()).not.toBe(cluster);
  expect(await eventIds(running)).toEqual([]);
  expect(await running.stop()).toBe(0);
  running = undefined;
}, 900_000);
