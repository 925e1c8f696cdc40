// The auditor's HTTP surface after the adversarial review (issue 19): a mistyped or repeated
// query parameter is a 400 naming it (never unfiltered data), answers are neither cached nor
// sniffed and carry no framework banner, logout and login refuse foreign origins, and the
// store's files are private to the auditor's user.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createAuditorTopics } from '../support/auditor/audit-topics';
import { type RunningAuditor, startAuditor } from '../support/auditor/auditor-process';
import { testKafka, uniqueName } from '../support/kafka';
import { waitFor } from '../support/wait-for';

describe('auditor HTTP hardening', () => {
  const prefix = `${uniqueName('http')}.`;
  let auditor: RunningAuditor;
  let session: string;

  const bearer = () => ({ authorization: `Bearer ${auditor.token}` });
  const messagesOf = async (res: Response) => ((await res.json()) as { message: string[] }).message;

  beforeAll(async () => {
    await createAuditorTopics(testKafka('auditor-http'), prefix, 1);
    auditor = await startAuditor({ prefix });
    const login = await auditor.raw('/ui/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: auditor.token }).toString(),
      redirect: 'manual',
    });
    session = (login.headers.get('set-cookie') ?? '').split(';')[0];
  });

  afterAll(async () => {
    await auditor?.app.stop('SIGTERM');
  });

  it.each([
    ['/api/events?subjectid=learner-1', ['subjectid: unknown parameter']],
    ['/api/events?subjectId[]=learner-1', ['"subjectId[]": unknown parameter']],
    ['/api/events?subjectId=a&subjectId=b', ['subjectId: given more than once']],
    ['/api/reports/recipients?form=2025-01-01', ['form: unknown parameter']],
    ['/api/subjects/learner-1/disclosures?format=csv&too=1', ['too: unknown parameter']],
    ['/api/reports/shine-the-light?subjectId=x&year=2025&yaer=2024', ['yaer: unknown parameter']],
    ['/api/integrity/alerts?state=all&state=open', ['state: given more than once']],
  ])('GET %s: 400 naming the parameter', async (path, message) => {
    const res = await auditor.raw(path, { headers: bearer() });
    expect(res.status).toBe(400);
    expect(await messagesOf(res)).toEqual(message);
  });

  it('refuses an unknown parameter on the page and its CSV downloads too', async () => {
    for (const path of ['/ui/events?subjectid=x', '/ui/reports/recipients.csv?from=x&x=1']) {
      const res = await auditor.raw(path, { headers: { cookie: session } });
      expect([path, res.status]).toEqual([path, 400]);
    }
  });

  it('bounds a hostile parameter name in the error', async () => {
    const res = await auditor.raw(`/api/events?${'n'.repeat(500)}=1`, { headers: bearer() });
    expect(res.status).toBe(400);
    const [line] = await messagesOf(res);
    expect(line.length).toBeLessThan(100);
  });

  it.each([
    ['/api/events', bearer],
    ['/api/reports/recipients?format=csv', bearer],
    ['/health', () => ({})],
    ['/ui/reports/recipients.csv', () => ({ cookie: session })],
  ])('GET %s: no-store, nosniff, no X-Powered-By', async (path, headers) => {
    const res = await auditor.raw(path, { headers: headers() });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses a cross-origin logout and login, and logs out from its own origin', async () => {
    const post = (path: string, origin: string) =>
      auditor.raw(path, {
        method: 'POST',
        headers: {
          cookie: session,
          origin,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ token: auditor.token }).toString(),
        redirect: 'manual',
      });
    expect((await post('/ui/logout', 'http://evil.example')).status).toBe(403);
    expect((await post('/ui/login', 'http://evil.example')).status).toBe(403);
    expect((await auditor.raw('/ui', { headers: { cookie: session } })).status).toBe(200);
    const own = new URL(auditor.url).origin;
    expect((await post('/ui/logout', own)).status).toBe(303);
    const after = await auditor.raw('/ui', { headers: { cookie: session }, redirect: 'manual' });
    expect([after.status, after.headers.get('location')]).toEqual([303, '/ui/login']);
  });

  it('keeps its store private: files 600, directories 700', async () => {
    const entries = await waitFor(
      () => {
        const found: string[] = [];
        const walk = (dir: string) => {
          found.push(dir);
          for (const e of readdirSync(dir, { withFileTypes: true })) {
            if (e.isDirectory()) walk(join(dir, e.name));
            else found.push(join(dir, e.name));
          }
        };
        walk(auditor.dataDir);
        return found.some((f) => f.endsWith('.sqlite')) ? found : null;
      },
      { what: 'the auditor store file' },
    );
    for (const path of entries.slice(1)) {
      const { mode } = statSync(path);
      const expected = statSync(path).isDirectory() ? 0o700 : 0o600;
      expect([path, (mode & 0o777).toString(8)]).toEqual([path, expected.toString(8)]);
    }
  });
});
