import type { RequestCheck } from './check';

/** Check 3: the recipient's status is active (anything else is suspended). */
export const recipientActive: RequestCheck = {
  code: 'RECIPIENT_SUSPENDED',
  passes: ({ recipient }) => recipient.status === 'active',
};
