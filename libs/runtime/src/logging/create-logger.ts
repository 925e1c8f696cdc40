import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

/** How log lines are written: `json` (one object a line, the default) or `pretty` (for people). */
export type LogFormat = 'json' | 'pretty';

/**
 * The format `LOG_FORMAT` asks for. Only the exact word `pretty` turns JSON off, so a typo in
 * production still yields lines a log shipper can parse. `npm start` sets `pretty` when its
 * stdout is a terminal.
 */
export function logFormat(env: NodeJS.ProcessEnv = process.env): LogFormat {
  return env.LOG_FORMAT === 'pretty' ? 'pretty' : 'json';
}

/**
 * The structured logger of an app. Redaction is a second line of defence: the code logs ids,
 * topics, partitions and offsets only, never payloads or data values. Redaction runs before
 * formatting, so the pretty lines are redacted alike.
 */
export function createLogger(
  app: string,
  level = process.env.LOG_LEVEL ?? 'info',
  format: LogFormat = logFormat(),
): Logger {
  return pino(
    {
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
    },
    format === 'pretty' ? prettyStdout() : undefined,
  );
}

/**
 * pino-pretty in this process and synchronous (no worker thread): the last lines before an
 * exit are never lost, and a local run is the only user. Colours when stdout is a terminal
 * that wants them (pino-pretty's own test, which honours NO_COLOR).
 */
function prettyStdout(): DestinationStream {
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,app',
  });
}
