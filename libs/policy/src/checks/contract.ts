import type { Recipient, TransferMechanism } from '@app/contracts/recipient';
import { validAt } from '../time';
import type { RequestCheck } from './check';

/** The recipient's first `contract` mechanism valid at `at`, if any. */
export function validContract(recipient: Recipient, at: number): TransferMechanism | undefined {
  for (const m of recipient.transferMechanisms ?? []) {
    if (m.type === 'contract' && validAt(m, at)) return m;
  }
  return undefined;
}

/** Check 12: kinds that need a contract (contractor, acquirer) hold one valid at `now`. */
export const contractHeld: RequestCheck = {
  code: 'CONTRACT_REQUIRED',
  passes: ({ kind, recipient, at }) =>
    !kind.contractRequired || validContract(recipient, at) !== undefined,
};
