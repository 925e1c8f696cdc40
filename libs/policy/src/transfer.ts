import type { TransferMechanismRecord } from '@app/contracts/audit-event';
import type { Recipient } from '@app/contracts/recipient';
import type { TransferRegime } from '@app/contracts/vocabulary';
import type { CheckContext } from './checks/check';
import { validContract } from './checks/contract';
import type { RegimeRules, TransferRules } from './compiled-policy';
import { inWindow, validAt } from './time';

const NOT_REQUIRED: TransferMechanismRecord = Object.freeze({ basis: 'not_required' });
/** A certification without `covers` was made under the EU-US framework (DESIGN §7). */
const DEFAULT_COVERS: readonly TransferRegime[] = ['eu'];

/** The country part of "DE" or of a subdivision such as "US-CA". */
export function countryOf(code: string): string {
  const dash = code.indexOf('-');
  return dash === -1 ? code : code.slice(0, dash);
}

/** The regime whose member `country` is at `at`, if any (memberships never overlap). */
export function regimeOf(
  rules: TransferRules,
  country: string,
  at: number,
): RegimeRules | undefined {
  return rules.regimes.find((g) => {
    const membership = g.members.get(country);
    return membership !== undefined && inWindow(membership, at);
  });
}

/**
 * Check 13, onward transfer (Safe Harbor principle 3), by the regime of the subject's residence
 * at `now` (DESIGN §7). Not required (recorded as such) when the residence belongs to no regime
 * or the recipient's kind is exempt. Otherwise the first of these carries it, recorded with the
 * regime: (a) the recipient's country is a member of the regime, or held adequate by it at `now`
 * by a decision whose scope (if any) the recipient's sector meets; (b) it is in the
 * certification country and holds a certification valid at `now`, covering this regime, of a
 * framework the regime recognises at `now` (first such, in the recipient's order); (c) it holds
 * a contract valid at `now`. Returns null when nothing carries it.
 */
export function onwardTransfer(ctx: CheckContext): TransferMechanismRecord | null {
  const { policy, subject, recipient, kind, at } = ctx;
  const rules = policy.transfer;
  const residence = typeof subject.residence === 'string' ? countryOf(subject.residence) : '';
  const regime = regimeOf(rules, residence, at);
  if (kind.exempt.has('NO_TRANSFER_MECHANISM') || regime === undefined) return NOT_REQUIRED;
  const country = typeof recipient.country === 'string' ? countryOf(recipient.country) : '';
  if (isAdequate(regime, recipient, country, at)) {
    return { basis: 'adequacy', country, regime: regime.id };
  }
  if (country === rules.certificationCountry) {
    for (const m of recipient.transferMechanisms ?? []) {
      const framework = regime.frameworks.get(m.type);
      if (framework === undefined || !inWindow(framework, at) || !validAt(m, at)) continue;
      if ((m.covers ?? DEFAULT_COVERS).includes(regime.id)) {
        return { basis: m.type, reference: m.reference, regime: regime.id };
      }
    }
  }
  const contract = validContract(recipient, at);
  if (contract === undefined) return null;
  return { basis: 'contract', reference: contract.reference, regime: regime.id };
}

/** A member of the regime, or adequate at `at` for a recipient of this sector (default private). */
function isAdequate(regime: RegimeRules, recipient: Recipient, country: string, at: number) {
  const membership = regime.members.get(country);
  if (membership !== undefined && inWindow(membership, at)) return true;
  const sector = recipient.sector ?? 'private';
  return (regime.adequacy.get(country) ?? []).some(
    (a) => inWindow(a.window, at) && (a.sector === undefined || a.sector === sector),
  );
}
