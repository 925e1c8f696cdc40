import type { DemoSettings } from './demo-settings';

const POLL_MS = 250;

interface Integrity {
  status: 'green' | 'red';
  partitions: { partition: number; lastVerifiedSeq: number | null }[];
}

async function get(url: string, token?: string): Promise<Response | null> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return fetch(url, { headers, signal: AbortSignal.timeout(2000) }).catch(() => null);
}

/**
 * What the auditor says about this run, as lines to print: whether it has verified the hash
 * chain up to the last event of the run (`lastSeqs`: audit partition → highest seq seen),
 * then where its page is and where its token is. The auditor is a viewer here: when it is
 * not running, the demo still succeeds and says how to start it.
 */
export async function auditorLines(
  settings: DemoSettings,
  lastSeqs: Map<number, number>,
  timeoutMs: number,
): Promise<string[]> {
  const { auditorUrl: url, token, tokenSource } = settings;
  const page = `compliance page: ${url}/ui`;
  if (!(await get(`${url}/health`))?.ok) {
    return [`auditor: not answering at ${url} (it runs with \`npm start\`)`, page];
  }
  if (!token) {
    return ['auditor: up; set AUDITOR_TOKEN or AUDITOR_TOKEN_FILE to check its chains', page];
  }
  const sign = `${page}  (sign in with the token in ${tokenSource})`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await get(`${url}/api/integrity`, token);
    if (response?.status === 401) return ['auditor: refused the token (401)', sign];
    const report = response?.ok ? ((await response.json()) as Integrity) : null;
    const caughtUp =
      report !== null &&
      [...lastSeqs].every(([p, seq]) => {
        const verified = report.partitions.find((r) => r.partition === p)?.lastVerifiedSeq;
        return verified !== null && verified !== undefined && verified >= seq;
      });
    if (report?.status === 'red')
      return ['auditor: an integrity alert is open (see the page)', sign];
    if (caughtUp)
      return ['auditor: verified the hash chains up to the last event of this run', sign];
    if (Date.now() > deadline) return ['auditor: still catching up with this run', sign];
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
