// The types of a SubjectProfile, kept at this path for `@app/contracts/subject` imports; the
// message is defined once, in messages/subject.message.ts.
export type {
  Consent,
  ParentalConsent,
  PartnerOptOut,
  SubjectProfile,
} from './messages/subject.message';
