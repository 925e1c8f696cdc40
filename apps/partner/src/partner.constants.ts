/** Injection token of the validated {@link PartnerEnv}. */
export const PARTNER_ENV = Symbol('PARTNER_ENV');
/** Injection token of the app's pino logger. */
export const PARTNER_LOGGER = Symbol('PARTNER_LOGGER');
/** Injection token of the {@link NoticeParser} (the contract's SubjectNotice validator). */
export const PARTNER_NOTICE_PARSER = Symbol('PARTNER_NOTICE_PARSER');
