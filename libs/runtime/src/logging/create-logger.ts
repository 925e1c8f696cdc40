import pino, { type Logger } from 'pino';

/**
 * The structured JSON logger of an app. Redaction is a second line of defence: the code
 * logs ids, topics, partitions and offsets only, never payloads or data values.
 */
export function createLogger(app: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: app,
    level,
    base: { app },
    redact: {
      paths: [
        'data',
        '*.data',
        'value',
        '*.value',
        'password',
        '*.password',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
