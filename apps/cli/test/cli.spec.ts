import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pseudonymise } from '@app/policy';
import { run } from '../src/program';
import { defaultPolicyFile } from '@app/runtime';
import { DEV_PSEUDONYM_KEY } from '@app/runtime';

const ROOT = join(__dirname, '../../..');
const POLICY = join(ROOT, 'libs/policy/policies/coursera-privacy.yaml');
const PROPOSED = join(ROOT, 'libs/policy/examples/coursera-privacy.proposed.yaml');
const V1 = join(ROOT, 'libs/policy/examples/coursera-privacy.v1.yaml');
const CASES = readFileSync(join(ROOT, 'libs/policy/examples/cases.jsonl'), 'utf8');
const KEY = 'cli-test-key-0123456789';

/** Runs the CLI on argv with `stdin` text; returns the exit code and the output lines. */
async function cli(argv: string[], stdin = '', env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (b: Buffer) => out.push(b.toString()));
  stderr.on('data', (b: Buffer) => err.push(b.toString()));
  const code = await run(argv, { stdin: Readable.from([stdin]), stdout, stderr, env });
  const lines = out
    .join('')
    .split('\n')
    .filter((l) => l !== '');
  return { code, lines, json: lines.map((l) => JSON.parse(l)), stderr: err.join('') };
}

const oneCase = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ ...JSON.parse(CASES.split('\n').filter((l) => l.startsWith('{'))[0]), ...over });

describe('onward decide', () => {
  it('decides every example case, one JSON line each, echoing line and case', async () => {
    const { code, json } = await cli(['decide'], CASES, { ONWARD_PSEUDONYM_KEY: KEY });
    expect(code).toBe(0);
    expect(json).toHaveLength(18);
    expect(json[0]).toMatchObject({
      line: 4,
      case: expect.stringContaining('Instructor'),
      decision: 'allow',
      fieldsShared: ['grades', 'name'],
      fieldsWithheld: ['dateOfBirth'],
      policy: { id: 'coursera-privacy', version: '2015-11-04' },
    });
    const kinds = new Set(
      CASES.split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l).recipient?.kind)
        .filter(Boolean),
    );
    expect(kinds.size).toBe(8);
    const research = json.find((d) => d.case.startsWith('University partner research'));
    expect(research.subjectRef).toBe(pseudonymise(KEY, 'univ-eth', 'learner-42'));
  });

  it('reports invalid lines by number, keeps going, and exits 1', async () => {
    const input = [
      'not json',
      '',
      '# a comment',
      oneCase({ now: 'tomorrow' }),
      oneCase(),
      '{"request":{}}',
    ].join('\n');
    const { code, json, stderr } = await cli(['decide', '--dev-key'], input);
    expect(code).toBe(1);
    expect(json[0]).toEqual({ line: 1, error: 'not valid JSON' });
    expect(json[1]).toEqual({ line: 4, error: 'now: must be an ISO-8601 UTC timestamp' });
    expect(json[2]).toMatchObject({ line: 5, decision: 'allow' });
    expect(json[3].line).toBe(6);
    expect(json[3].error).toMatch(/recipient: is required/);
    expect(json[3].error).toMatch(/request: requestId: is required/);
    expect(stderr).toMatch(/3 invalid line/);
  });

  it('validates each part with the contract and names the problem, not the value', async () => {
    const c = JSON.parse(oneCase());
    c.subject.birthDate = '2001-02-30';
    c.request.data = { secret: 'do-not-echo' };
    c.request.extra = true;
    const { json } = await cli(['decide', '--dev-key'], JSON.stringify(c));
    expect(json[0].error).toMatch(/subject: birthDate/);
    expect(json[0].error).toMatch(/request: extra/);
    expect(json[0].error).not.toMatch(/do-not-echo|2001-02-30/);
  });

  it('accepts null for an unknown recipient or subject', async () => {
    const { json } = await cli(['decide', '--dev-key'], oneCase({ subject: null }));
    expect(json[0].reasons.map((r: { code: string }) => r.code)).toEqual(['UNKNOWN_SUBJECT']);
  });

  it('refuses to start without a pseudonym key, and accepts the dev key only when asked', async () => {
    const none = await cli(['decide'], oneCase());
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no pseudonym key/);
    expect(none.lines).toEqual([]);
    const short = await cli(['decide', '--pseudonym-key', 'short'], oneCase());
    expect(short.code).toBe(2);
    const dev = await cli(['decide', '--dev-key'], CASES);
    const research = dev.json.find((d) => d.case.startsWith('University partner research'));
    expect(research.subjectRef).toBe(pseudonymise(DEV_PSEUDONYM_KEY, 'univ-eth', 'learner-42'));
  });

  it('uses --pseudonym-key before ONWARD_PSEUDONYM_KEY', async () => {
    const { json } = await cli(['decide', '--pseudonym-key', KEY], CASES, {
      ONWARD_PSEUDONYM_KEY: 'env-key-0123456789ab',
    });
    const research = json.find((d) => d.case.startsWith('University partner research'));
    expect(research.subjectRef).toBe(pseudonymise(KEY, 'univ-eth', 'learner-42'));
  });

  it('uses another policy with --policy, and refuses a malformed one (exit 2)', async () => {
    const ok = await cli(['decide', '--dev-key', '--policy', PROPOSED], oneCase());
    expect(ok.json[0].policy.version).toBe('2016-02-01-proposal');
    const dir = mkdtempSync(join(tmpdir(), 'onward-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'id: x\n');
    const bad = await cli(['decide', '--dev-key', '--policy', join(dir, 'bad.yaml')], oneCase());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid policy file: version: is required/);
  });
});

describe('onward simulate', () => {
  it('prints only the changed cases, then a summary', async () => {
    const { code, json } = await cli(['simulate', '--from', POLICY, '--to', PROPOSED], CASES);
    expect(code).toBe(0);
    const summary = json[json.length - 1];
    expect(summary).toMatchObject({ cases: 18, changed: 1, unchanged: 17, invalid: 0 });
    expect(summary.from.version).toBe('2015-11-04');
    expect(summary.to.version).toBe('2016-02-01-proposal');
    expect(json.slice(0, -1).map((d) => d.line)).toEqual([9]);
  });

  it('shows what the v2 reading of the law changed (v1 rules → the policy in force)', async () => {
    const { code, json } = await cli(['simulate', '--from', V1, '--to', POLICY], CASES);
    expect(code).toBe(0);
    expect(json[json.length - 1]).toMatchObject({ cases: 18, changed: 1, invalid: 0 });
    expect(json[0]).toMatchObject({
      line: 8,
      from: {
        decision: 'allow',
        reasons: ['CATEGORY_NOT_PERMITTED:health'],
        fieldsShared: ['grades'],
      },
      to: { decision: 'allow', reasons: [], fieldsShared: ['grades', 'health'] },
    });
  });

  it('prints nothing but the summary for identical policies', async () => {
    const { json } = await cli(['simulate', '--from', POLICY, '--to', POLICY], CASES);
    expect(json).toEqual([expect.objectContaining({ cases: 18, changed: 0 })]);
  });

  it('needs both --from and --to', async () => {
    expect((await cli(['simulate', '--from', POLICY])).code).toBe(2);
  });
});

describe('onward check', () => {
  it('prints id, version and digest of a valid file', async () => {
    const { code, json } = await cli(['check', POLICY]);
    expect(code).toBe(0);
    expect(json).toEqual([
      {
        id: 'coursera-privacy',
        version: '2015-11-04',
        digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      },
    ]);
  });

  it('names every bad entry and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onward-cli-'));
    const file = join(dir, 'bad.yaml');
    const text = readFileSync(POLICY, 'utf8')
      .replace('categories: [identity.name, forum.posts]', 'categories: [identity.name, forums.*]')
      .replace('minimumAge: 13', 'minimumAge: -1');
    writeFileSync(file, text);
    const { code, stderr, lines } = await cli(['check', file]);
    expect(code).toBe(1);
    expect(lines).toEqual([]);
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      `${file}: minimumAge: must be a whole number of years`,
      `${file}: matrix[1].categories[1]: "forums.*" matches no category of the dictionary`,
    ]);
  });

  it('exits 2 for a file it cannot read', async () => {
    const { code, stderr } = await cli(['check', '/nonexistent/policy.yaml']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/cannot read policy file .*ENOENT/);
  });
});

describe('default policy file', () => {
  it('is found from the source tree and from dist alike', () => {
    expect(defaultPolicyFile()).toBe(POLICY);
    expect(defaultPolicyFile(join(ROOT, 'dist/apps/cli/src'))).toBe(POLICY);
  });
});
