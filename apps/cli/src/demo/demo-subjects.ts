import type { SubjectProfile } from '@app/contracts';
import { isoDay, yearsFrom } from './demo-clock';

/** What the demo's producers hold about a learner: it goes into request data, never to output. */
export interface DemoPerson {
  name: string;
  email: string;
}

/** The learners of the demo and the personal data its requests carry about them. */
export const DEMO_PEOPLE: Readonly<Record<string, DemoPerson>> = Object.freeze({
  'demo-eu-resident': { name: 'Lena Fischer', email: 'lena.fischer@example.de' },
  'demo-californian': { name: 'Marcus Chen', email: 'marcus.chen@example.com' },
  'demo-opted-out': { name: 'Priya Raman', email: 'priya.raman@example.net' },
  'demo-child': { name: 'Tommy Alvarez', email: 'tommy.alvarez@example.org' },
  'demo-erased': { name: 'Olivia Hart', email: 'olivia.hart@example.co.uk' },
  'demo-social': { name: 'Siobhán Murphy', email: 'siobhan.murphy@example.ie' },
});

/**
 * An EU resident, a Californian, a learner who opted out of marketing and research, a child
 * under 13, an erased account and a learner who linked their Facebook account.
 */
export function demoSubjects(now: Date): SubjectProfile[] {
  const adult = { erased: false, optOuts: [], consents: [] };
  const socialConsent = {
    recipientId: 'facebook',
    purpose: 'social_integration',
    categories: ['identity.name', 'contact.email'],
    givenAt: '2025-01-10T09:30:00Z',
    withdrawnAt: null,
  };
  const subject = (subjectId: string, residence: string, birthDate: string, more = {}) => ({
    ...adult,
    subjectId,
    residence,
    birthDate,
    ...more,
  });
  return [
    subject('demo-eu-resident', 'DE', '1994-02-11'),
    subject('demo-californian', 'US-CA', '1989-07-30'),
    subject('demo-opted-out', 'US-NY', '1992-11-05', { optOuts: ['marketing', 'research'] }),
    subject('demo-child', 'US-TX', isoDay(yearsFrom(now, -10))),
    subject('demo-erased', 'GB', '1985-03-21', { erased: true }),
    subject('demo-social', 'IE', '1998-09-14', { consents: [socialConsent] }),
  ];
}
