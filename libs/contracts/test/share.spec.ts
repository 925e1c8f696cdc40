// Contract tests: every way a Share can break DESIGN §3, with the exact error lines.
import { parseShare } from '@app/contracts';
import { errorsOf, type Message, SHARE_JSON, variant } from './fixtures';

const refused = (change: (m: Message) => void): string[] =>
  errorsOf(parseShare(variant(SHARE_JSON, change)));
const accepted = (change: (m: Message) => void): boolean =>
  parseShare(variant(SHARE_JSON, change)).ok;
const DIGEST_PROBLEM = 'must be sha256: and 64 lower-case hex digits';

describe('Share', () => {
  it.each([
    'shareId',
    'requestId',
    'recipientId',
    'purpose',
    'subjectRef',
    'data',
    'policy',
    'sharedAt',
  ])('%s is required', (property) => {
    expect(refused((m) => delete m[property])).toEqual([`${property}: is required`]);
  });

  it('refuses unknown properties at the top and inside policy, not inside data', () => {
    expect(refused((m) => ((m.subject = 'x'), (m.policy.author = 'x')))).toEqual([
      'subject: unknown property',
      'policy.author: unknown property',
    ]);
    expect(accepted((m) => (m.data.anything = { at: ['all'] }))).toBe(true);
  });

  it.each([
    'sh-ABCDEFGHIJKLMNOPQRSTUVWXYZ',
    'ev-uubyz7kemh6om3ukwrugxbyini',
    'sh-short',
    'sh-uubyz7kemh6om3ukwrugxbyini1',
  ])('shareId %p is not a derived share id', (shareId) => {
    expect(refused((m) => (m.shareId = shareId))).toEqual([
      'shareId: must be sh- and 26 base32 characters',
    ]);
  });

  it('subjectRef may be a pseudonym', () => {
    expect(accepted((m) => (m.subjectRef = 'ps_mfrggzdfmztwq2lknnwg23tpobyxe43u'))).toBe(true);
  });

  it.each([
    'sha256:823412D1EACB67956220E532959F0104603057C88704863CA38E7CD188FDA812',
    'sha256:823412d1',
    'md5:823412d1eacb67956220e532959f0104',
    '823412d1eacb67956220e532959f0104603057c88704863ca38e7cd188fda812',
  ])('policy.digest %p is refused', (digest) => {
    expect(refused((m) => (m.policy.digest = digest))).toEqual([
      `policy.digest: ${DIGEST_PROBLEM}`,
    ]);
  });

  it('policy needs id, version and digest', () => {
    expect(refused((m) => (m.policy = {}))).toEqual([
      'policy.id: is required',
      'policy.version: is required',
      'policy.digest: is required',
    ]);
    expect(refused((m) => (m.policy = 'coursera-privacy'))).toEqual(['policy: must be an object']);
  });

  it('sharedAt must be UTC and data an object', () => {
    expect(refused((m) => ((m.sharedAt = '2026-03-01T11:00:00.120+01:00'), (m.data = [])))).toEqual(
      [
        'data: must be a JSON object',
        'sharedAt: must be an ISO-8601 UTC timestamp ending in Z or +00:00',
      ],
    );
  });
});
