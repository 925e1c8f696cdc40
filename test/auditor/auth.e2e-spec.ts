// Every compliance API route answers 401 without the token or with a wrong one, and every page
// leads to the sign-in page; the token is never written to the logs; /health stays open.
import { createAuditorTopics } from '../support/auditor/audit-topics';
import { type RunningAuditor, startAuditor, testToken } from '../support/auditor/auditor-process';
import { testKafka, uniqueName } from '../support/kafka';

const API_ROUTES: [string, string][] = [
  ['GET', '/api/events'],
  ['GET', '/api/events?subjectId=learner-1'],
  ['GET', '/api/subjects/learner-1/disclosures'],
  ['GET', '/api/subjects/learner-1/disclosures?format=csv'],
  ['GET', '/api/reports/shine-the-light?subjectId=learner-1&year=2025'],
  ['GET', '/api/reports/shine-the-light?subjectId=learner-1&year=2025&format=csv'],
  ['GET', '/api/reports/recipients'],
  ['GET', '/api/reports/recipients?format=csv'],
  ['GET', '/api/recipients/univ-stanford/history'],
  ['GET', '/api/integrity'],
  ['GET', '/api/integrity/alerts'],
  ['POST', '/api/integrity/alerts/1/acknowledge'],
];

const PAGE_ROUTES: [string, string][] = [
  ['GET', '/ui'],
  ['GET', '/ui/events'],
  ['GET', '/ui/disclosures?subjectId=learner-1'],
  ['GET', '/ui/shine-the-light?subjectId=learner-1&year=2025'],
  ['GET', '/ui/recipients'],
  ['GET', '/ui/reports/disclosures.csv?subjectId=learner-1'],
  ['GET', '/ui/reports/shine-the-light.csv?subjectId=learner-1&year=2025'],
  ['GET', '/ui/reports/recipients.csv'],
  ['POST', '/ui/alerts/1/acknowledge'],
];

describe('auditor authentication', () => {
  const prefix = `${uniqueName('auth')}.`;
  const wrong = testToken();
  let auditor: RunningAuditor;

  beforeAll(async () => {
    await createAuditorTopics(testKafka('auditor-auth'), prefix, 1);
    auditor = await startAuditor({ prefix });
  });

  afterAll(async () => {
    await auditor?.app.stop('SIGTERM');
  });

  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    auditor.raw(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: method === 'POST' ? '{}' : undefined,
      redirect: 'manual',
    });

  it.each(API_ROUTES)(
    '%s %s: 401 without a token, with a wrong one, or not as Bearer',
    async (method, path) => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${wrong}` },
        { authorization: `Bearer ${auditor.token}x` },
        { authorization: `Basic ${auditor.token}` },
        { authorization: auditor.token },
      ];
      for (const headers of attempts) {
        const res = await call(method, path, headers);
        expect([path, headers, res.status]).toEqual([path, headers, 401]);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
      const ok = await call(method, path, { authorization: `Bearer ${auditor.token}` });
      expect(ok.status).not.toBe(401);
    },
  );

  it.each(PAGE_ROUTES)(
    '%s %s: to the sign-in page without a session, coming back afterwards',
    async (method, path) => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: `Bearer ${wrong}` },
        { cookie: 'onward_auditor_session=forged' },
      ];
      const back = method === 'GET' && path !== '/ui' ? path : null;
      const expected = back ? `/ui/login?next=${encodeURIComponent(back)}` : '/ui/login';
      for (const headers of attempts) {
        const res = await call(method, path, headers);
        expect([path, res.status, res.headers.get('location')]).toEqual([path, 303, expected]);
      }
      const login = await call('GET', expected);
      expect(login.status).toBe(200);
      const form = await login.text();
      expect(form).toContain('name="token"');
      expect(form).toContain(`name="next" value="${(back ?? '/ui').replace(/&/g, '&amp;')}"`);
    },
  );

  it('returns to the page asked for after signing in, and never to another site', async () => {
    const signIn = (next: string) =>
      auditor.raw('/ui/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: auditor.token, next }).toString(),
        redirect: 'manual',
      });
    const back = await signIn('/ui/recipients');
    expect([back.status, back.headers.get('location')]).toEqual([303, '/ui/recipients']);
    const away = await signIn('//evil.example/ui');
    expect([away.status, away.headers.get('location')]).toEqual([303, '/ui']);
  });

  it('logs in with the token only, and the session opens the page', async () => {
    const form = (token: string) =>
      auditor.raw('/ui/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
        redirect: 'manual',
      });
    expect((await form(wrong)).status).toBe(401);
    const res = await form(auditor.token);
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(auditor.token);
    const session = cookie.split(';')[0];
    expect((await call('GET', '/ui', { cookie: session })).status).toBe(200);
    const foreign = await auditor.raw('/ui/alerts/1/acknowledge', {
      method: 'POST',
      headers: {
        cookie: session,
        origin: 'http://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'note=x',
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
  });

  it('keeps /health open', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
  });

  it('never writes a token to its logs', () => {
    expect(auditor.app.output()).not.toContain(auditor.token);
    expect(auditor.app.output()).not.toContain(wrong);
  });
});

describe('auditor without a configured token', () => {
  it('refuses every compliance route', async () => {
    const prefix = `${uniqueName('auth-none')}.`;
    const auditor = await startAuditor({ prefix, env: { AUDITOR_TOKEN: '' } });
    try {
      for (const [method, path] of API_ROUTES) {
        const res = await auditor.raw(path, { method, headers: { authorization: 'Bearer ' } });
        expect([path, res.status]).toEqual([path, 401]);
      }
      expect(auditor.app.output()).toContain('every compliance route answers 401');
    } finally {
      await auditor.app.stop('SIGTERM');
    }
  });
});
