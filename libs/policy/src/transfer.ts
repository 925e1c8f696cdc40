import type { TransferMechanismRecord } from '@app/contracts/audit-event';
import type { CheckContext } from './checks/check';
import { validContract } from './checks/contract';
import { inWindow, validAt } from './time';

const NOT_REQUIRED: TransferMechanismRecord = Object.freeze({ basis: 'not_required' });

/** The country part of "DE" or of a subdivision such as "US-CA". */
export function countryOf(code: string): string {
  const dash = code.indexOf('-');
  return dash === -1 ? code : code.slice(0, dash);
}

/**
 * Check 13, onward transfer (Safe Harbor principle 3). Not required (recorded as such) unless
 * the subject resides in the EEA or Switzerland and the recipient's kind is not exempt. Then the
 * first of these carries it: (a) the recipient's country is in the EEA, Switzerland, or adequate
 * at `now`; (b) it is in the certification country and holds a certification valid at `now`
 * whose framework is in force at `now` (first such, in the recipient's order); (c) it holds a
 * contract valid at `now`. Returns null when nothing carries it.
 */
export function onwardTransfer(ctx: CheckContext): TransferMechanismRecord | null {
  const { policy, subject, recipient, kind, at } = ctx;
  const rules = policy.transfer;
  const residence = typeof subject.residence === 'string' ? countryOf(subject.residence) : '';
  if (kind.exempt.has('NO_TRANSFER_MECHANISM') || !rules.protectedCountries.has(residence)) {
    return NOT_REQUIRED;
  }
  const country = typeof recipient.country === 'string' ? countryOf(recipient.country) : '';
  const destination = rules.destinations.get(country);
  if (destination !== undefined && inWindow(destination, at)) return { basis: 'adequacy', country };
  if (country === rules.certificationCountry) {
    for (const m of recipient.transferMechanisms ?? []) {
      const framework = rules.frameworks.get(m.type);
      if (framework !== undefined && inWindow(framework, at) && validAt(m, at)) {
        return { basis: m.type, reference: m.reference };
      }
    }
  }
  const contract = validContract(recipient, at);
  return contract === undefined ? null : { basis: 'contract', reference: contract.reference };
}
