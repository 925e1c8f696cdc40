import type { Logger } from 'pino';

/**
 * Sends Node's process warnings (deprecations, kafkajs' negative timeouts on Node 24, …)
 * through the app's logger instead of Node's default plain-text line on stderr, so that every
 * line an app prints stays one JSON object a log shipper can parse. Node installs its printer
 * as a `warning` listener; it is replaced, not added to.
 */
export function logProcessWarnings(logger: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    const { name, message } = warning;
    const code = (warning as { code?: unknown }).code;
    logger.warn({ warning: name, ...(typeof code === 'string' ? { code } : {}) }, message);
  });
}
