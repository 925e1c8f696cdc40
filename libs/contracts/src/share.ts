// The types of a Share, kept at this path for `@app/contracts/share` imports; the message is
// defined once, in messages/share.message.ts.
export type { PolicyRef, Share } from './messages/share.message';
