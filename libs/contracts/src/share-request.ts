/** A legal basis cited by an authority or acquirer request (DESIGN §5). */
export interface LegalBasis {
  kind: string;
  /** Missing or blank is a policy failure (LEGAL_BASIS_REQUIRED), not malformed input (§7). */
  reference?: string;
}

/** A request to disclose one subject's data to one recipient (topic `share-requests`). */
export interface ShareRequest {
  requestId: string;
  requestedAt: string;
  producer: string;
  subjectId: string;
  recipientId: string;
  purpose: string;
  courseId?: string;
  legalBasis?: LegalBasis;
  data: Record<string, unknown>;
}
