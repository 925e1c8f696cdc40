/** Injection token of what tells whether a recipient's share topic exists ({@link ShareTopicReadiness}). */
export const SHARE_TOPIC_READINESS = Symbol('SHARE_TOPIC_READINESS');

/** Whether a share to the recipient can be delivered (its topic exists). */
export interface ShareTopicReadiness {
  isReady(recipientId: string): boolean;
}
