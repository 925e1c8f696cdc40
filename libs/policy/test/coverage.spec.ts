import { REASON_CODES } from '@app/contracts/vocabulary';
import { CHECK_CODES, FIELD_CODES } from '@app/policy';
import { POLICY, setup, type Scenario } from './support/setup';

/** One scenario per reason code the engine can give; together they must reach every one. */
const byCode: Record<string, Scenario> = {
  UNKNOWN_RECIPIENT: { recipient: null },
  UNKNOWN_SUBJECT: { subject: null },
  RECIPIENT_SUSPENDED: { recipient: { status: 'suspended' } },
  SUBJECT_ERASED: { subject: { erased: true } },
  SUBJECT_UNDER_13: { subject: { birthDate: '2015-01-01' } },
  PURPOSE_NOT_PERMITTED: { request: { purpose: 'marketing' } },
  PURPOSE_NOT_CONTRACTED: { recipient: { purposes: [] } },
  COURSE_NOT_TAUGHT: { recipient: { courses: ['x'] } },
  LEGAL_BASIS_REQUIRED: { kind: 'authority', request: { legalBasis: undefined } },
  SUBJECT_OPTED_OUT: { kind: 'business_partner', subject: { optOuts: ['marketing'] } },
  CONSENT_REQUIRED: { kind: 'third_party_site' },
  CONTRACT_REQUIRED: { kind: 'acquirer', recipient: { transferMechanisms: [] } },
  NO_TRANSFER_MECHANISM: { subject: { residence: 'DE' }, recipient: { transferMechanisms: [] } },
  NOTHING_TO_SHARE: { request: { data: {} } },
  UNCLASSIFIED_FIELD: { request: { data: { name: 'A', x: 1 } } },
  NEVER_SHARED: { request: { data: { name: 'A', photoId: 1 } } },
  CATEGORY_NOT_PERMITTED: { request: { data: { name: 'A', income: 1, activity: 1 } } },
  FIELD_NOT_CONTRACTED: { recipient: { fields: ['grades'] } },
};
const fieldConsent: Scenario = {
  kind: 'university_partner',
  request: { data: { grades: 1, health: 'x' } },
};

describe('coverage of the reason codes', () => {
  it.each(Object.entries(byCode))('%s is reachable', (code, scenario) => {
    expect(setup(scenario).decision.reasons.map((r) => r.code)).toContain(code);
  });

  it('field-level CONSENT_REQUIRED is reachable (research, sensitive.* without consent)', () => {
    expect(setup(fieldConsent).decision.reasons).toContainEqual(
      expect.objectContaining({ code: 'CONSENT_REQUIRED', field: 'health' }),
    );
  });

  it('covers every decision code of the vocabulary', () => {
    const decisionCodes = new Set<string>([...CHECK_CODES, ...FIELD_CODES]);
    expect(Object.keys(byCode).sort()).toEqual([...decisionCodes].sort());
    const rejections = REASON_CODES.filter((c) => !decisionCodes.has(c));
    expect(rejections.sort()).toEqual([
      'INVALID_JSON',
      'INVALID_MESSAGE',
      'KEY_MISMATCH',
      'MESSAGE_TOO_LARGE',
    ]);
  });

  it('every reason carries a rule and a clause from the policy', () => {
    for (const scenario of [...Object.values(byCode), fieldConsent]) {
      for (const r of setup(scenario).decision.reasons) {
        expect(r.rule).toMatch(/^[a-z][a-z0-9_.]+$/);
        expect(r.clause.length).toBeGreaterThan(0);
      }
    }
    expect(POLICY.checkReasons.NO_TRANSFER_MECHANISM.rule).toBe('check.onward_transfer');
  });
});
