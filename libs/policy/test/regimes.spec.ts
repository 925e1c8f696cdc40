import type { TransferMechanism } from '@app/contracts/recipient';
import type { RecipientSector, TransferRegime } from '@app/contracts/vocabulary';
import { POLICY, setup, type Scenario } from './support/setup';

// DESIGN §7: the regime of the subject's residence decides which lists and windows apply.
// Every window of the policy file is tested the instant before, at and after its edges.

const ms = (iso: string, delta = 0) => new Date(Date.parse(iso) + delta).toISOString();
const before = (day: string) => ms(`${day}T00:00:00Z`, -1);
const at = (day: string) => `${day}T00:00:00.000Z`;
const after = (day: string) => ms(`${day}T00:00:00Z`, 1);

const cert = (
  type: TransferMechanism['type'],
  covers?: TransferRegime[],
  over: Partial<TransferMechanism> = {},
): TransferMechanism => ({
  type,
  reference: `${type}-ref`,
  validFrom: '2000-01-01T00:00:00Z',
  validUntil: null,
  ...(covers === undefined ? {} : { covers }),
  ...over,
});

/** A subject resident in `residence`, an instructor in `country` holding `mechanisms`, at `now`. */
const scenario = (
  residence: string,
  country: string,
  mechanisms: TransferMechanism[],
  now: string,
  sector?: RecipientSector,
): Scenario => ({
  subject: { residence, birthDate: '1990-01-01' },
  recipient: {
    country,
    transferMechanisms: mechanisms,
    ...(sector === undefined ? {} : { sector }),
  },
  now,
});

const transferOf = (s: Scenario) => setup(s).decision.transferMechanism;

describe('framework windows per regime (instant before, at and after each edge)', () => {
  // [regime residence, framework, covers, edge day, in force before the edge, in force after]
  const edges: [string, TransferMechanism['type'], TransferRegime[], string, boolean, boolean][] = [
    ['DE', 'safe_harbor', ['eu'], '2015-10-06', true, false],
    ['DE', 'privacy_shield', ['eu'], '2016-08-01', false, true],
    ['DE', 'privacy_shield', ['eu'], '2020-07-16', true, false],
    ['DE', 'dpf', ['eu'], '2023-07-10', false, true],
    ['CH', 'safe_harbor', ['ch'], '2009-02-16', false, true],
    ['CH', 'safe_harbor', ['ch'], '2015-10-22', true, false],
    ['CH', 'privacy_shield', ['ch'], '2017-04-12', false, true],
    ['CH', 'privacy_shield', ['ch'], '2020-09-08', true, false],
    ['CH', 'dpf', ['ch'], '2024-09-15', false, true],
    ['GB', 'dpf', ['uk'], '2023-10-12', false, true],
  ];
  const regimeOf: Record<string, TransferRegime> = { DE: 'eu', CH: 'ch', GB: 'uk' };

  it.each(edges)('%s resident, %s covering %j, edge %s', (res, type, covers, day, pre, post) => {
    const expected = (inForce: boolean) =>
      inForce ? { basis: type, reference: `${type}-ref`, regime: regimeOf[res] } : null;
    const m = [cert(type, covers)];
    expect(transferOf(scenario(res, 'US', m, before(day)))).toEqual(expected(pre));
    expect(transferOf(scenario(res, 'US', m, at(day)))).toEqual(expected(post));
    expect(transferOf(scenario(res, 'US', m, after(day)))).toEqual(expected(post));
  });

  it('a Swiss learner to an EU-US DPF recipient in January 2024 is not carried', () => {
    const s = scenario('CH', 'US', [cert('dpf', ['eu'])], '2024-01-15T00:00:00Z');
    expect(transferOf(s)).toBeNull();
    expect(setup(s).decision.reasons.map((r) => r.code)).toEqual(['NO_TRANSFER_MECHANISM']);
  });

  it('a certification carries only the regimes it covers (default eu)', () => {
    const now = '2026-03-01T00:00:00Z';
    expect(transferOf(scenario('CH', 'US', [cert('dpf')], now))).toBeNull();
    expect(transferOf(scenario('GB', 'US', [cert('dpf')], now))).toBeNull();
    expect(transferOf(scenario('DE', 'US', [cert('dpf', ['ch', 'uk'])], now))).toBeNull();
    expect(transferOf(scenario('GB', 'US', [cert('dpf', ['eu', 'uk'])], now))).toEqual({
      basis: 'dpf',
      reference: 'dpf-ref',
      regime: 'uk',
    });
    expect(transferOf(scenario('CH', 'US', [cert('dpf', ['ch'])], now))).toMatchObject({
      regime: 'ch',
    });
  });

  it('a certification not covering the regime falls back to a contract', () => {
    const m = [cert('dpf', ['eu']), cert('contract')];
    expect(transferOf(scenario('CH', 'US', m, '2026-03-01T00:00:00Z'))).toEqual({
      basis: 'contract',
      reference: 'contract-ref',
      regime: 'ch',
    });
  });
});

describe('regime membership', () => {
  it('GB residents are under eu until 2021-01-01 and under uk from then', () => {
    const m = [cert('privacy_shield', ['eu'])];
    expect(transferOf(scenario('GB', 'US', m, '2019-06-01T00:00:00Z'))).toMatchObject({
      basis: 'privacy_shield',
      regime: 'eu',
    });
    const contract = [cert('contract')];
    expect(transferOf(scenario('GB', 'IN', contract, before('2021-01-01')))).toMatchObject({
      regime: 'eu',
    });
    expect(transferOf(scenario('GB', 'IN', contract, at('2021-01-01')))).toMatchObject({
      regime: 'uk',
    });
  });

  it("a regime's own territory needs no basis; another regime's only where adequate", () => {
    const now = '2026-03-01T00:00:00Z';
    expect(transferOf(scenario('DE', 'FR', [], now))).toEqual({
      basis: 'adequacy',
      country: 'FR',
      regime: 'eu',
    });
    expect(transferOf(scenario('GB', 'GB', [], now))).toMatchObject({ regime: 'uk' });
    expect(transferOf(scenario('CH', 'CH', [], now))).toMatchObject({ regime: 'ch' });
    expect(transferOf(scenario('GB', 'DE', [], now))).toMatchObject({ basis: 'adequacy' });
    expect(transferOf(scenario('CH', 'DE', [], now))).toMatchObject({ basis: 'adequacy' });
    expect(transferOf(scenario('DE', 'CH', [], now))).toMatchObject({ basis: 'adequacy' });
  });

  it.each(['US', 'US-CA', 'IN', 'BR', 'JP'])('a %s resident needs no basis', (residence) => {
    expect(transferOf(scenario(residence, 'IN', [], '2026-03-01T00:00:00Z'))).toEqual({
      basis: 'not_required',
    });
  });
});

describe('adequacy lists per regime (instant before, at and after the decision)', () => {
  const rows: [string, string, string][] = [
    ['DE', 'CH', '2000-07-26'],
    ['DE', 'JP', '2019-01-23'],
    ['DE', 'GB', '2021-06-28'],
    ['DE', 'KR', '2021-12-17'],
    ['DE', 'NZ', '2012-12-19'],
    ['CH', 'NZ', '2023-09-01'],
    ['CH', 'CA', '2023-09-01'],
    ['GB', 'KR', '2022-12-19'],
  ];
  it.each(rows)('%s resident → %s from %s', (residence, country, day) => {
    expect(transferOf(scenario(residence, country, [], before(day)))).toBeNull();
    for (const now of [at(day), after(day)]) {
      expect(transferOf(scenario(residence, country, [], now))).toMatchObject({
        basis: 'adequacy',
        country,
      });
    }
  });

  it('JP is adequate for eu and uk, not for ch (the Swiss list does not name it)', () => {
    const now = '2026-03-01T00:00:00Z';
    expect(transferOf(scenario('DE', 'JP', [], now))).toMatchObject({ basis: 'adequacy' });
    expect(transferOf(scenario('GB', 'JP', [], now))).toMatchObject({ basis: 'adequacy' });
    expect(transferOf(scenario('CH', 'JP', [], now))).toBeNull();
  });
});

describe('scoped adequacy (private_sector)', () => {
  const now = '2026-03-01T00:00:00Z';
  it.each([
    ['DE', 'CA'],
    ['DE', 'JP'],
    ['GB', 'CA'],
    ['GB', 'JP'],
    ['CH', 'CA'],
  ])('%s resident → %s: private recipients (and the default) pass', (residence, country) => {
    const expected = { basis: 'adequacy', country };
    expect(transferOf(scenario(residence, country, [], now))).toMatchObject(expected);
    expect(transferOf(scenario(residence, country, [], now, 'private'))).toMatchObject(expected);
  });

  it.each([
    ['DE', 'CA'],
    ['DE', 'JP'],
    ['GB', 'JP'],
    ['CH', 'CA'],
  ])('%s resident → %s: a public recipient is not covered', (residence, country) => {
    expect(transferOf(scenario(residence, country, [], now, 'public'))).toBeNull();
  });

  it('a public recipient falls back to the next basis, a contract', () => {
    expect(transferOf(scenario('DE', 'CA', [cert('contract')], now, 'public'))).toEqual({
      basis: 'contract',
      reference: 'contract-ref',
      regime: 'eu',
    });
  });

  it('an unscoped decision covers public recipients too', () => {
    expect(transferOf(scenario('DE', 'NZ', [], now, 'public'))).toMatchObject({
      basis: 'adequacy',
    });
    expect(transferOf(scenario('DE', 'FR', [], now, 'public'))).toMatchObject({
      basis: 'adequacy',
    });
  });

  it('the policy file marks exactly CA and JP as scoped', () => {
    const scoped = POLICY.transfer.regimes.flatMap((g) =>
      [...g.adequacy].filter(([, rules]) => rules.some((a) => a.sector)).map(([c]) => c),
    );
    expect([...new Set(scoped)].sort()).toEqual(['CA', 'JP']);
  });
});
