import type { TransferMechanismRecord } from '@app/contracts/audit-event';
import type { TransferMechanism } from '@app/contracts/recipient';
import { codes, setup, type Scenario } from './support/setup';

const cert = (
  type: TransferMechanism['type'],
  over: Partial<TransferMechanism> = {},
): TransferMechanism => ({
  type,
  reference: `${type.toUpperCase()}-1`,
  validFrom: '2000-01-01T00:00:00Z',
  validUntil: null,
  ...over,
});

/** An EEA subject, an instructor in `country` holding `mechanisms`, decided at `now`. */
const eea = (
  country: string,
  mechanisms: TransferMechanism[],
  now: string,
  residence = 'DE',
): Scenario => ({
  subject: { residence, birthDate: '1990-01-01' },
  recipient: { country, transferMechanisms: mechanisms },
  now,
});

type Row = [string, Scenario, TransferMechanismRecord | null];

describe('onward transfer (check 13)', () => {
  const notRequired: Row[] = [
    [
      'US-state resident',
      eea('IN', [], '2026-03-01T00:00:00Z', 'US-CA'),
      { basis: 'not_required' },
    ],
    ['US resident', eea('IN', [], '2026-03-01T00:00:00Z', 'US'), { basis: 'not_required' }],
    ['Indian resident', eea('IN', [], '2026-03-01T00:00:00Z', 'IN'), { basis: 'not_required' }],
    [
      'EEA resident, authority',
      {
        kind: 'authority',
        subject: { residence: 'FR' },
        recipient: { country: 'IN', transferMechanisms: [] },
      },
      { basis: 'not_required' },
    ],
  ];

  const destinations: Row[] = [
    ['DE → FR (EEA)', eea('FR', [], '2026-03-01T00:00:00Z'), { basis: 'adequacy', country: 'FR' }],
    [
      'NO → IS (EEA)',
      eea('IS', [], '2026-03-01T00:00:00Z', 'NO'),
      { basis: 'adequacy', country: 'IS' },
    ],
    [
      'CH resident → LI',
      eea('LI', [], '2026-03-01T00:00:00Z', 'CH'),
      { basis: 'adequacy', country: 'LI' },
    ],
    ['DE → CH', eea('CH', [], '2026-03-01T00:00:00Z'), { basis: 'adequacy', country: 'CH' }],
    ['DE → JP before 2019-01-23', eea('JP', [], '2019-01-22T23:59:59.999Z'), null],
    [
      'DE → JP on 2019-01-23',
      eea('JP', [], '2019-01-23T00:00:00Z'),
      { basis: 'adequacy', country: 'JP' },
    ],
    ['DE → GB before 2021-06-28', eea('GB', [], '2021-06-27T23:59:59Z'), null],
    [
      'DE → GB on 2021-06-28',
      eea('GB', [], '2021-06-28T00:00:00Z'),
      { basis: 'adequacy', country: 'GB' },
    ],
    ['DE → KR before 2021-12-17', eea('KR', [], '2021-12-16T23:59:59Z'), null],
    [
      'DE → KR on 2021-12-17',
      eea('KR', [], '2021-12-17T00:00:00Z'),
      { basis: 'adequacy', country: 'KR' },
    ],
    ['DE → NZ before 2012-12-19', eea('NZ', [], '2012-12-18T12:00:00Z'), null],
    ['DE → NZ after', eea('NZ', [], '2015-01-01T00:00:00Z'), { basis: 'adequacy', country: 'NZ' }],
    [
      'DE → CA (private)',
      eea('CA', [], '2026-03-01T00:00:00Z'),
      { basis: 'adequacy', country: 'CA' },
    ],
    ['DE → IN, nothing', eea('IN', [], '2026-03-01T00:00:00Z'), null],
    ['DE → US, nothing', eea('US', [], '2026-03-01T00:00:00Z'), null],
  ];

  const frameworks: Row[] = [
    [
      'safe_harbor the day before invalidation',
      eea('US', [cert('safe_harbor')], '2015-10-05T23:59:59.999Z'),
      { basis: 'safe_harbor', reference: 'SAFE_HARBOR-1' },
    ],
    ['safe_harbor on 2015-10-06', eea('US', [cert('safe_harbor')], '2015-10-06T00:00:00Z'), null],
    ['safe_harbor in 2026', eea('US', [cert('safe_harbor')], '2026-03-01T00:00:00Z'), null],
    [
      'privacy_shield before 2016-08-01',
      eea('US', [cert('privacy_shield')], '2016-07-31T23:59:59.999Z'),
      null,
    ],
    [
      'privacy_shield on 2016-08-01',
      eea('US', [cert('privacy_shield')], '2016-08-01T00:00:00Z'),
      { basis: 'privacy_shield', reference: 'PRIVACY_SHIELD-1' },
    ],
    [
      'privacy_shield on 2020-07-15',
      eea('US', [cert('privacy_shield')], '2020-07-15T23:59:59.999Z'),
      { basis: 'privacy_shield', reference: 'PRIVACY_SHIELD-1' },
    ],
    [
      'privacy_shield on 2020-07-16',
      eea('US', [cert('privacy_shield')], '2020-07-16T00:00:00Z'),
      null,
    ],
    ['dpf before 2023-07-10', eea('US', [cert('dpf')], '2023-07-09T23:59:59.999Z'), null],
    [
      'dpf on 2023-07-10',
      eea('US', [cert('dpf')], '2023-07-10T00:00:00Z'),
      { basis: 'dpf', reference: 'DPF-1' },
    ],
    [
      'dpf whose own certification lapsed',
      eea('US', [cert('dpf', { validUntil: '2026-01-01T00:00:00Z' })], '2026-03-01T00:00:00Z'),
      null,
    ],
    [
      'dpf certified later than now',
      eea('US', [cert('dpf', { validFrom: '2026-06-01T00:00:00Z' })], '2026-03-01T00:00:00Z'),
      null,
    ],
    ['dpf held outside the US', eea('IN', [cert('dpf')], '2026-03-01T00:00:00Z'), null],
    [
      'dpf to a US-state recipient address is still the US',
      eea('US-CA', [cert('dpf')], '2026-03-01T00:00:00Z'),
      { basis: 'dpf', reference: 'DPF-1' },
    ],
    [
      "first valid certification in the recipient's order",
      eea('US', [cert('privacy_shield'), cert('dpf'), cert('safe_harbor')], '2026-03-01T00:00:00Z'),
      { basis: 'dpf', reference: 'DPF-1' },
    ],
  ];

  const contracts: Row[] = [
    [
      'contract to India',
      eea('IN', [cert('contract', { reference: 'SCC-7' })], '2026-03-01T00:00:00Z'),
      { basis: 'contract', reference: 'SCC-7' },
    ],
    [
      'expired contract',
      eea('IN', [cert('contract', { validUntil: '2026-03-01T00:00:00Z' })], '2026-03-01T00:00:00Z'),
      null,
    ],
    [
      'certification before contract',
      eea('US', [cert('contract'), cert('dpf')], '2026-03-01T00:00:00Z'),
      { basis: 'dpf', reference: 'DPF-1' },
    ],
    [
      'lapsed framework falls back to contract',
      eea('US', [cert('privacy_shield'), cert('contract')], '2026-03-01T00:00:00Z'),
      { basis: 'contract', reference: 'CONTRACT-1' },
    ],
    [
      'adequacy before anything',
      eea('JP', [cert('contract')], '2026-03-01T00:00:00Z'),
      { basis: 'adequacy', country: 'JP' },
    ],
  ];

  it.each([...notRequired, ...destinations, ...frameworks, ...contracts])(
    '%s',
    (_n, scenario, expected) => {
      const { decision } = setup(scenario);
      const regime = scenario.subject?.residence === 'CH' ? 'ch' : 'eu';
      const required = expected !== null && expected.basis !== 'not_required';
      expect(decision.transferMechanism).toEqual(required ? { ...expected, regime } : expected);
      if (expected === null) {
        expect(codes(decision)).toEqual(['NO_TRANSFER_MECHANISM']);
        expect(decision.reasons[0].clause).toBe('Onward Transfers (Transfer to Third Parties)');
      } else {
        expect(decision.decision).toBe('allow');
      }
    },
  );

  it('records the mechanism found even when another check denies', () => {
    const { decision } = setup({
      ...eea('FR', [], '2026-03-01T00:00:00Z'),
      recipient: { country: 'FR', status: 'suspended' },
    });
    expect(decision.decision).toBe('deny');
    expect(decision.transferMechanism).toEqual({ basis: 'adequacy', country: 'FR', regime: 'eu' });
  });
});
