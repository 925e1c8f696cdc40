import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import { parse } from 'yaml';
import { compilePolicy, loadPolicy, PolicyFileError, type PolicyDocument } from '@app/policy';
import { POLICIES, POLICY, POLICY_TEXT, policyDocument } from './support/setup';

const SOURCE = readFileSync(join(POLICIES, 'coursera-privacy.source.txt'), 'utf8');

function errorOf(fn: () => unknown): PolicyFileError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PolicyFileError) return e;
    throw e;
  }
  throw new Error('expected a PolicyFileError');
}
const broken = (edit: (doc: PolicyDocument & Record<string, unknown>) => void) => {
  const doc = policyDocument() as PolicyDocument & Record<string, unknown>;
  edit(doc);
  return errorOf(() => compilePolicy(doc));
};

describe('policy file: the default policy', () => {
  it('loads with its id, version and the digest of its canonical JSON', () => {
    const digest = createHash('sha256')
      .update(canonicalize(parse(POLICY_TEXT)) as string)
      .digest('hex');
    expect(POLICY.ref).toEqual({
      id: 'coursera-privacy',
      version: '2015-11-04',
      digest: `sha256:${digest}`,
    });
    expect(POLICY.document.effective).toBe('2015-11-04');
  });

  it('comments and layout do not change the digest; content does', () => {
    const relaid = `# a new comment\n${POLICY_TEXT.replace('minimumAge: 13', 'minimumAge:    13 # years')}`;
    expect(loadPolicy(relaid).ref.digest).toBe(POLICY.ref.digest);
    expect(loadPolicy(POLICY_TEXT.replace('minimumAge: 13', 'minimumAge: 14')).ref.digest).not.toBe(
      POLICY.ref.digest,
    );
  });

  it('every clause is a section heading of the policy text, every rule id unique', () => {
    const doc = POLICY.document;
    const citations = [
      ...Object.values(doc.checks),
      ...Object.values(doc.fieldRules),
      ...doc.matrix,
    ];
    for (const c of citations) expect(SOURCE).toContain(c.clause);
    expect(new Set(citations.map((c) => c.rule)).size).toBe(citations.length);
  });

  it('holds the data of DESIGN §4–§5', () => {
    expect(POLICY.fields.get('politicalOpinions')).toEqual({
      category: 'sensitive.political_opinions',
      restricted: false,
      sensitive: true,
    });
    expect(POLICY.fields.get('paymentCard')?.restricted).toBe(true);
    const [eu, ch, uk] = POLICY.transfer.regimes;
    expect(POLICY.transfer.regimes.map((g) => g.id)).toEqual(['eu', 'ch', 'uk']);
    expect(POLICY.document.transfer.regimes.eu?.members[0].countries).toHaveLength(30);
    expect([...ch.members.keys()]).toEqual(['CH']);
    expect(uk.members.get('GB')).toEqual({ from: Date.parse('2021-01-01'), until: Infinity });
    expect(eu.members.get('GB')).toEqual({ from: -Infinity, until: Date.parse('2021-01-01') });
    expect(eu.frameworks.get('safe_harbor')).toEqual({
      from: -Infinity,
      until: Date.parse('2015-10-06T00:00:00Z'),
    });
    expect(ch.frameworks.get('privacy_shield')).toEqual({
      from: Date.parse('2017-04-12T00:00:00Z'),
      until: Date.parse('2020-09-08T00:00:00Z'),
    });
    expect(eu.adequacy.get('CA')).toEqual([
      { window: { from: Date.parse('2001-12-20'), until: Infinity }, sector: 'private' },
    ]);
    expect([...POLICY.parentalConsentPurposes]).toEqual(['course_administration', 'operations']);
    const research = POLICY.kinds.get('university_partner')?.rows.get('research');
    expect([...(research?.categories ?? [])].sort()).toEqual([
      'course.enrollment',
      'course.performance',
      'course.progress',
      'course.responses',
      'course.submissions',
      'forum.posts',
      'sensitive.ethnicity',
      'sensitive.health',
      'sensitive.political_opinions',
      'sensitive.race',
      'sensitive.religion',
      'sensitive.sexual_orientation',
      'sensitive.trade_union',
      'survey.demographics',
      'survey.responses',
      'usage.activity',
    ]);
    const operations = POLICY.kinds.get('contractor')?.rows.get('operations');
    expect(
      [...(operations?.categories ?? [])].some(
        (c) => c.startsWith('sensitive.') || c.startsWith('restricted.'),
      ),
    ).toBe(false);
  });

  it('does not freeze or change the document it is given', () => {
    const doc = policyDocument();
    compilePolicy(doc);
    expect(Object.isFrozen(doc)).toBe(false);
    expect(Object.isFrozen(POLICY.document.matrix[0])).toBe(true);
  });
});

describe('policy file: malformed files name the bad entry', () => {
  const table: Array<[string, (doc: PolicyDocument & Record<string, unknown>) => void, string]> = [
    [
      'a category pattern matching nothing',
      (d) => {
        d.matrix[3].categories[1] = 'forums.*';
      },
      'matrix[3].categories[1]: "forums.*" matches no category of the dictionary',
    ],
    [
      'a malformed category pattern',
      (d) => {
        d.matrix[0].categories[0] = 'Identity Name';
      },
      'matrix[0].categories[0]: "Identity Name" is not a category pattern',
    ],
    [
      'a pattern naming only never-shared categories',
      (d) => {
        d.matrix[0].categories.push('restricted.*');
      },
      'matrix[0].categories[4]: "restricted.*" names only never-shared categories',
    ],
    [
      'an undeclared kind in the matrix',
      (d) => {
        d.matrix[2].kinds.push('robot');
      },
      'matrix[2].kinds[2]: kind robot is not in recipientKinds',
    ],
    [
      'a (kind, purpose) pair twice',
      (d) => {
        d.matrix.push({ ...d.matrix[0], rule: 'matrix.again' });
      },
      'matrix[10].kinds[0]: instructor already has a row for course_administration',
    ],
    [
      'optOut with consentInstead',
      (d) => {
        d.matrix[9].optOut = true;
      },
      'matrix[9]: optOut and consentInstead exclude each other',
    ],
    [
      'a flag that is not boolean',
      (d) => {
        (d.matrix[2] as unknown as Record<string, unknown>).optOut = 'yes';
      },
      'matrix[2].optOut: must be true or false',
    ],
    [
      'a rule id used twice',
      (d) => {
        d.matrix[1].rule = 'check.opt_out';
      },
      'matrix[1].rule: rule id "check.opt_out" is used twice',
    ],
    [
      'a missing check citation',
      (d) => {
        delete (d.checks as Partial<typeof d.checks>).NOTHING_TO_SHARE;
      },
      'checks.NOTHING_TO_SHARE: is required',
    ],
    [
      'an unknown check',
      (d) => {
        (d.checks as Record<string, unknown>).MAYBE = { rule: 'x.y', clause: 'z' };
      },
      'checks.MAYBE: is not a known key',
    ],
    [
      'an empty clause',
      (d) => {
        d.fieldRules.NEVER_SHARED.clause = '';
      },
      'fieldRules.NEVER_SHARED.clause: must be a non-empty string',
    ],
    [
      'an unknown top-level key',
      (d) => {
        d.purposes = [];
      },
      'purposes: is not a known key',
    ],
    [
      'a missing version',
      (d) => {
        delete (d as Partial<PolicyDocument>).version;
      },
      'version: is required',
    ],
    [
      'a bad minimum age',
      (d) => {
        (d as Record<string, unknown>).minimumAge = 'thirteen';
      },
      'minimumAge: must be a whole number of years',
    ],
    [
      'an unknown recipient kind',
      (d) => {
        d.recipientKinds.robot = {};
      },
      'recipientKinds.robot: is not a recipient kind',
    ],
    [
      'an exemption that is not exemptible',
      (d) => {
        d.recipientKinds.authority.exempt?.push('NEVER_SHARED' as never);
      },
      'recipientKinds.authority.exempt[5]: "NEVER_SHARED" is not SUBJECT_ERASED',
    ],
    [
      'a dictionary category that is not one',
      (d) => {
        d.dictionary.name = 'name';
      },
      'dictionary.name: "name" is not a category like "contact.email"',
    ],
    [
      'a dictionary field that is not a name',
      (d) => {
        d.dictionary['first name'] = 'identity.name';
      },
      'dictionary["first name"]: a field name must be letters',
    ],
    [
      'equal prefixes',
      (d) => {
        d.categories.sensitive.prefix = 'restricted.';
      },
      'categories: the two prefixes must differ',
    ],
    [
      'a lower-case country',
      (d) => {
        d.transfer.regimes.ch!.members[0].countries[0] = 'ch';
      },
      'transfer.regimes.ch.members[0].countries[0]: "ch" is not an ISO 3166-1 alpha-2 code',
    ],
    [
      'a country listed twice',
      (d) => {
        d.transfer.regimes.eu!.adequacy[1].countries[0] = 'CH';
      },
      'transfer.regimes.eu.adequacy[1].countries[0]: CH is listed twice in this list of the regime',
    ],
    [
      'a country member of two regimes at once',
      (d) => {
        delete d.transfer.regimes.uk!.members[0].from;
      },
      'transfer.regimes.uk.members[0]: GB is a member of eu and uk at once',
    ],
    [
      'an unknown regime',
      (d) => {
        (d.transfer.regimes as Record<string, unknown>).us = d.transfer.regimes.uk;
        delete d.transfer.regimes.uk;
      },
      'transfer.regimes.us: is not a transfer regime (eu, ch, uk)',
    ],
    [
      'an unknown adequacy scope',
      (d) => {
        (d.transfer.regimes.eu!.adequacy[3] as { scope: string }).scope = 'commercial';
      },
      'transfer.regimes.eu.adequacy[3].scope: "commercial" is not private_sector | public_sector',
    ],
    [
      'an impossible date',
      (d) => {
        d.transfer.regimes.eu!.adequacy[10].from = '2019-02-30';
      },
      'transfer.regimes.eu.adequacy[10].from: "2019-02-30" is not a calendar date',
    ],
    [
      'an unquoted-looking date',
      (d) => {
        (d.transfer.regimes.eu!.adequacy[1] as unknown as Record<string, unknown>).from = 20030630;
      },
      "transfer.regimes.eu.adequacy[1].from: must be a date 'YYYY-MM-DD'",
    ],
    [
      'a window ending before it starts',
      (d) => {
        d.transfer.regimes.eu!.frameworks[1].until = '2016-01-01';
      },
      'transfer.regimes.eu.frameworks[1].until: must be after from',
    ],
    [
      'an unknown framework',
      (d) => {
        d.transfer.regimes.eu!.frameworks[0].type = 'bcr' as never;
      },
      'transfer.regimes.eu.frameworks[0].type: "bcr" is not safe_harbor | privacy_shield | dpf',
    ],
    [
      'a framework listed twice',
      (d) => {
        d.transfer.regimes.eu!.frameworks[2].type = 'safe_harbor';
      },
      'transfer.regimes.eu.frameworks[2].type: safe_harbor is listed twice',
    ],
    [
      'a parental-consent purpose the matrix does not have',
      (d) => {
        d.parentalConsent.purposes = ['course_administration', 'playtime'];
      },
      'parentalConsent.purposes[1]: playtime is not a purpose of the matrix',
    ],
  ];

  it.each(table)('%s', (_n, edit, message) => {
    const error = broken(edit);
    expect(error.message).toContain(message);
    expect(error.name).toBe('PolicyFileError');
    expect(error.retriable).toBe(false);
  });

  it('lists every problem, not just the first', () => {
    const error = broken((d) => {
      d.matrix[0].categories[0] = 'nothing.*';
      d.transfer.regimes.ch!.members[0].countries[0] = 'ch';
    });
    expect(error.issues.map((i) => i.path)).toEqual([
      'matrix[0].categories[0]',
      'transfer.regimes.ch.members[0].countries[0]',
    ]);
  });

  it.each([
    ['a YAML syntax error', 'id: [unclosed\n', /yaml line \d+, column \d+: Flow sequence/],
    ['a duplicate key', 'id: a\nid: b\n', /Map keys must be unique/],
    ['a document that is a list', '- 1\n- 2\n', /invalid policy file: must be a mapping/],
    ['an empty file', '', /invalid policy file: must be a mapping/],
    [
      'a __proto__ field in the dictionary',
      POLICY_TEXT.replace('  name: identity.name', '  __proto__: identity.name'),
      /dictionary.__proto__: a field name must be/,
    ],
  ])('%s', (_n, text, message) => {
    expect(errorOf(() => loadPolicy(text)).message).toMatch(message);
  });
});
