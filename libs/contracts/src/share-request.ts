// The types of a ShareRequest, kept at this path for `@app/contracts/share-request` imports;
// the message is defined once, in messages/share-request.message.ts.
export type { LegalBasis, ShareRequest } from './messages/share-request.message';
