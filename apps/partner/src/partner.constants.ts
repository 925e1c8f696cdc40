/** Injection token of the validated {@link PartnerEnv}. */
export const PARTNER_ENV = Symbol('PARTNER_ENV');
/** Injection token of the app's pino logger. */
export const PARTNER_LOGGER = Symbol('PARTNER_LOGGER');
/** Injection token of the {@link NoticeParser} (the contract's SubjectNotice validator). */
export const PARTNER_NOTICE_PARSER = Symbol('PARTNER_NOTICE_PARSER');

/**
 * The header that says what a record on a share topic is (DESIGN §7). A record without it is
 * a Share: v1 gateways did not set it.
 */
export const MESSAGE_TYPE_HEADER = 'onward.message-type';
