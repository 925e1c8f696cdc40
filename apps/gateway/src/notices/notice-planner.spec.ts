// The change → notices function: pure, clock as an argument, the real policy.
import { parseSubjectNotice, type SubjectProfile } from '@app/contracts';
import { readPolicy } from '@app/runtime';
import { subject } from '../../../../test/support/fixtures';
import type { PastShare } from './past-share';
import { planNotices, type SubjectChange } from './notice-planner';

const policy = readPolicy();
const NOW = new Date('2026-11-21T00:00:00Z');
const REF = { topic: 'privacy.subjects', partition: 3, offset: '17' };

function share(recipientId: string, purpose: string, over: Partial<PastShare> = {}): PastShare {
  return {
    recipientId,
    subjectRef: 'learner-1',
    purpose,
    categories: ['contact.email', 'identity.name'],
    firstAt: '2026-01-03T10:00:00.000Z',
    lastAt: '2026-11-20T10:00:00.000Z',
    ...over,
  };
}

const PAST: PastShare[] = [
  share('uni-1', 'marketing'),
  share('uni-1', 'research', { subjectRef: 'ps_abc', categories: ['course.grades'] }),
  share('biz-1', 'marketing', { firstAt: '2026-05-01T00:00:00.000Z' }),
  share('inst-1', 'course_administration', { categories: ['course.grades', 'identity.name'] }),
  share('site-1', 'social_integration'),
  share('police-1', 'legal_process', { categories: ['identity.name'] }),
  share('buyer-1', 'corporate_transaction', { categories: ['identity.name'] }),
];

function change(previous: SubjectProfile | null, next: SubjectProfile | null): SubjectChange {
  return { ref: REF, subjectId: 'learner-1', previous, next };
}

const plan = (c: SubjectChange, past = PAST) => planNotices(c, past, policy, NOW);
const who = (c: SubjectChange, past = PAST) =>
  plan(c, past).map((n) => [n.recipientId, n.subjectRef, n.kind, n.cause, n.purposes.join()]);

describe('planNotices', () => {
  const before = subject('learner-1');

  it('an erasure tells every past recipient but authorities, once per recipient and ref', () => {
    expect(who(change(before, { ...before, erased: true }))).toEqual([
      ['biz-1', 'learner-1', 'erase', 'subject.erased', 'marketing'],
      ['buyer-1', 'learner-1', 'erase', 'subject.erased', 'corporate_transaction'],
      ['inst-1', 'learner-1', 'erase', 'subject.erased', 'course_administration'],
      ['site-1', 'learner-1', 'erase', 'subject.erased', 'social_integration'],
      ['uni-1', 'learner-1', 'erase', 'subject.erased', 'marketing'],
      ['uni-1', 'ps_abc', 'erase', 'subject.erased', 'research'],
    ]);
  });

  it('every notice is valid, with the date range and categories of what was shared', () => {
    const notices = plan(change(before, { ...before, erased: true }));
    for (const n of notices) expect(parseSubjectNotice(JSON.stringify(n)).ok).toBe(true);
    const biz = notices.find((n) => n.recipientId === 'biz-1');
    expect(biz).toMatchObject({
      categories: ['contact.email', 'identity.name'],
      sharedFrom: '2026-05-01T00:00:00.000Z',
      sharedUntil: '2026-11-20T10:00:00.000Z',
      noticedAt: NOW.toISOString(),
      policy: policy.ref,
    });
    expect(new Set(notices.map((n) => n.noticeId)).size).toBe(notices.length);
  });

  it('the same change gives the same notice ids; another change other ids', () => {
    const c = change(before, { ...before, erased: true });
    const ids = plan(c).map((n) => n.noticeId);
    expect(plan(c).map((n) => n.noticeId)).toEqual(ids);
    const other = plan({ ...c, ref: { ...REF, offset: '18' } }).map((n) => n.noticeId);
    expect(other.filter((id) => ids.includes(id))).toEqual([]);
  });

  it('an erasure already known, or a tombstone, tells no one', () => {
    const erased = { ...before, erased: true };
    expect(plan(change(erased, { ...erased, optOuts: [] }))).toEqual([]);
    expect(plan(change(before, null))).toEqual([]);
  });

  it('a marketing opt-out tells only the marketing recipients, of marketing only', () => {
    expect(who(change(before, { ...before, optOuts: ['marketing'] }))).toEqual([
      ['biz-1', 'learner-1', 'stop_purpose', 'subject.opted_out', 'marketing'],
      ['uni-1', 'learner-1', 'stop_purpose', 'subject.opted_out', 'marketing'],
    ]);
  });

  it('an opt-out the policy does not honour tells no one', () => {
    expect(plan(change(before, { ...before, optOuts: ['course_administration'] }))).toEqual([]);
  });

  it('a partner opt-out without purposes covers every honoured purpose of that partner', () => {
    const next = { ...before, partnerOptOuts: [{ recipientId: 'uni-1' }] };
    expect(who(change(before, next))).toEqual([
      ['uni-1', 'learner-1', 'stop_purpose', 'subject.partner_opted_out', 'marketing'],
      ['uni-1', 'ps_abc', 'stop_purpose', 'subject.partner_opted_out', 'research'],
    ]);
    const already = { ...before, partnerOptOuts: [{ recipientId: '*', purposes: ['marketing'] }] };
    const more = {
      ...already,
      partnerOptOuts: [{ recipientId: 'uni-1' }, ...already.partnerOptOuts],
    };
    expect(who(change(already, more))).toEqual([
      ['uni-1', 'ps_abc', 'stop_purpose', 'subject.partner_opted_out', 'research'],
    ]);
  });

  it('a withdrawn third-party consent tells only that site, of the consented categories', () => {
    const consent = {
      recipientId: 'site-1',
      purpose: 'social_integration',
      categories: ['identity.name'],
      givenAt: '2026-01-01T00:00:00Z',
    };
    const given = { ...before, consents: [consent] };
    const withdrawn = {
      ...before,
      consents: [{ ...consent, withdrawnAt: '2026-11-20T00:00:00Z' }],
    };
    const notices = plan(change(given, withdrawn));
    expect(notices.map((n) => [n.recipientId, n.kind, n.cause, n.categories])).toEqual([
      ['site-1', 'consent_withdrawn', 'subject.consent_withdrawn', ['identity.name']],
    ]);
    expect(plan(change(given, before)).map((n) => n.recipientId)).toEqual(['site-1']);
    expect(plan(change(given, given))).toEqual([]);
  });

  it('a birth date showing the learner under 13 erases, unless a live parental consent', () => {
    const child = { ...before, birthDate: '2020-01-01' };
    expect(new Set(plan(change(before, child)).map((n) => n.cause))).toEqual(
      new Set(['subject.under_13']),
    );
    expect(plan(change(before, child)).map((n) => n.recipientId)).not.toContain('police-1');
    const consented = {
      ...child,
      parentalConsent: {
        verifiedAt: '2026-02-01T00:00:00Z',
        method: 'signed-form',
        purposes: ['course_administration'],
      },
    };
    expect(plan(change(before, consented))).toEqual([]);
    const withdrawn = {
      ...consented,
      parentalConsent: { ...consented.parentalConsent, withdrawnAt: '2026-11-01T00:00:00Z' },
    };
    expect(plan(change(consented, withdrawn)).length).toBeGreaterThan(0);
  });

  it('several effects on one recipient make one notice of the strongest kind', () => {
    const next = { ...before, erased: true, optOuts: ['marketing'] };
    const uni = plan(change(before, next)).filter((n) => n.subjectRef === 'learner-1');
    expect(uni.map((n) => [n.recipientId, n.kind])).toEqual([
      ['biz-1', 'erase'],
      ['buyer-1', 'erase'],
      ['inst-1', 'erase'],
      ['site-1', 'erase'],
      ['uni-1', 'erase'],
    ]);
  });

  it('a recipient that never received the learner gets nothing; no past shares, no notices', () => {
    const notices = plan(change(before, { ...before, erased: true }));
    expect(notices.map((n) => n.recipientId)).not.toContain('never-1');
    expect(plan(change(before, { ...before, erased: true }), [])).toEqual([]);
  });

  it('an unknown previous profile counts as empty (opt-outs in a first record are new)', () => {
    expect(who(change(null, { ...before, optOuts: ['marketing'] })).map((w) => w[0])).toEqual([
      'biz-1',
      'uni-1',
    ]);
  });
});
