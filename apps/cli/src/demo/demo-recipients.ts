import type { Recipient, TransferMechanism } from '@app/contracts';
import { isoDay, yearsFrom } from './demo-clock';

function mechanism(type: TransferMechanism['type'], reference: string, now: Date) {
  return {
    type,
    reference,
    validFrom: `${isoDay(yearsFrom(now, -1))}T00:00:00Z`,
    validUntil: `${isoDay(yearsFrom(now, 2))}T00:00:00Z`,
  };
}

/**
 * One or more recipients of every kind, with the cases a newcomer should see: a suspended
 * institution, an EU partner, a US partner certified under the Data Privacy Framework and a
 * US partner with no transfer mechanism at all.
 */
export function demoRecipients(now: Date): Recipient[] {
  const dpa = [mechanism('contract', 'DPA-2025-17', now)];
  const dpf = [mechanism('dpf', 'DPF-2024-0815', now)];
  const teaching = ['course_administration', 'course_improvement'];
  const partner = ['marketing', 'research'];
  const us = { country: 'US', status: 'active' as const, transferMechanisms: dpa };
  const recipient = (
    recipientId: string,
    kind: Recipient['kind'],
    name: string,
    address: string,
    purposes: string[],
    more: Partial<Recipient> = {},
  ): Recipient => ({ ...us, recipientId, kind, name, address, purposes, ...more });
  return [
    recipient(
      'instr-ng',
      'instructor',
      'Andrew Ng',
      '353 Jane Stanford Way, Stanford, CA 94305, US',
      teaching,
      { courses: ['ml-101'] },
    ),
    recipient(
      'univ-stanford',
      'institution',
      'Stanford University',
      '450 Serra Mall, Stanford, CA 94305, US',
      teaching,
      { courses: ['ml-101', 'cs-229'] },
    ),
    // Suspended: every request to it is denied, whatever else holds.
    recipient(
      'univ-penn',
      'institution',
      'University of Pennsylvania',
      '3451 Walnut St, Philadelphia, PA 19104, US',
      teaching,
      { status: 'suspended' },
    ),
    // In the EU: EU residents' data may go there on adequacy, no mechanism needed.
    recipient(
      'univ-tum',
      'university_partner',
      'Technical University of Munich',
      'Arcisstrasse 21, 80333 Munich, DE',
      partner,
      { country: 'DE', transferMechanisms: [] },
    ),
    recipient(
      'acme-books',
      'business_partner',
      'Acme Books Inc.',
      '1 Market St, San Francisco, CA 94105, US',
      partner,
      { transferMechanisms: dpf },
    ),
    // Fine for US learners; an EU resident's data has no way to get there.
    recipient(
      'brightline-surveys',
      'business_partner',
      'Brightline Surveys LLC',
      '200 Congress Ave, Austin, TX 78701, US',
      partner,
      { transferMechanisms: [] },
    ),
    recipient(
      'postbox-mail',
      'contractor',
      'Postbox Mailing Services',
      '77 Summer St, Boston, MA 02110, US',
      ['operations'],
      { fields: ['name', 'email', 'device'] },
    ),
    recipient(
      'us-sdny',
      'authority',
      'U.S. District Court, S.D.N.Y.',
      '500 Pearl St, New York, NY 10007, US',
      [],
      { transferMechanisms: [] },
    ),
    recipient(
      'northwind-holdings',
      'acquirer',
      'Northwind Learning Holdings',
      '10 Hudson Yards, New York, NY 10001, US',
      ['corporate_transaction'],
      { transferMechanisms: [mechanism('contract', 'SPA-2026-01', now)] },
    ),
    recipient(
      'facebook',
      'third_party_site',
      'Meta Platforms, Inc.',
      '1 Hacker Way, Menlo Park, CA 94025, US',
      ['social_integration'],
      { transferMechanisms: dpf },
    ),
  ];
}
