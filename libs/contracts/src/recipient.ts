// The types of a Recipient, kept at this path for `@app/contracts/recipient` imports; the
// message is defined once, in messages/recipient.message.ts.
export type { Recipient, TransferMechanism } from './messages/recipient.message';
