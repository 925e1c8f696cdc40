/** Injection token of the auditor's topic names. */
export const AUDITOR_TOPICS = Symbol('AUDITOR_TOPICS');
/** Injection token of the {@link AccessToken} of the compliance API and page. */
export const AUDITOR_ACCESS_TOKEN = Symbol('AUDITOR_ACCESS_TOKEN');
