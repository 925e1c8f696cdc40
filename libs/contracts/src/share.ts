/** Identifies the exact policy that made a decision. */
export interface PolicyRef {
  id: string;
  version: string;
  digest: string;
}

/** What a recipient receives on its own topic. */
export interface Share {
  shareId: string;
  requestId: string;
  recipientId: string;
  purpose: string;
  subjectRef: string;
  data: Record<string, unknown>;
  policy: PolicyRef;
  sharedAt: string;
}
