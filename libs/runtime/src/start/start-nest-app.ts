import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ClassConstructor } from 'class-transformer';
import type { Logger } from 'pino';
import { InvalidEnvironmentError } from '../env/invalid-environment.error';
import { validateEnv } from '../env/validate-env';
import { createLogger } from '../logging/create-logger';
import { NestPinoLogger } from '../logging/nest-pino-logger';
import { logProcessWarnings } from '../logging/process-warnings';
import { shutdownTelemetry } from '../telemetry/start-telemetry';

/** What an app's main.ts hands to {@link startNestApp}. */
export interface NestAppSpec<E extends object> {
  app: string;
  env: ClassConstructor<E>;
  module: (env: E, logger: Logger) => DynamicModule;
  http: (env: E) => { port: number; host: string };
}

/**
 * The shared start-up of both apps: validate the environment (a bad variable stops the app
 * with a message naming it), build the module, listen, and shut down gracefully on SIGTERM
 * (the spans still queued for export are flushed last).
 */
export async function startNestApp<E extends object>(spec: NestAppSpec<E>): Promise<void> {
  const logger = createLogger(spec.app);
  logProcessWarnings(logger);
  try {
    const env = validateEnv(spec.app, spec.env, process.env);
    const app = await NestFactory.create<NestExpressApplication>(spec.module(env, logger), {
      logger: new NestPinoLogger(logger),
    });
    hardenResponses(app);
    // Our own signal handling rather than enableShutdownHooks(): Nest re-raises the signal
    // after closing, and an orchestrator should see a clean exit code 0 after a drain.
    const stop = (signal: NodeJS.Signals): void => {
      logger.info({ signal }, `${spec.app} shutting down`);
      app.close().then(
        () => shutdownTelemetry().then(() => process.exit(0)),
        (err: unknown) => {
          logger.error({ err }, `${spec.app} did not shut down cleanly`);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    const { port, host } = spec.http(env);
    await app.listen(port, host);
    const address = app.getHttpServer().address() as { port: number };
    logger.info({ url: `http://${host}:${address.port}` }, `${spec.app} listening`);
  } catch (err: unknown) {
    const message =
      err instanceof InvalidEnvironmentError
        ? err.message
        : `${spec.app} failed to start: ${String(err)}`;
    process.stderr.write(`${message}\n`);
    logger.flush();
    process.exit(1);
  }
}

/**
 * Headers every response of both apps carries: no framework banner, no MIME sniffing (a CSV
 * or JSON answer holding ids must never be run as a page), and no caching of answers about
 * people by a browser or a proxy.
 */
function hardenResponses(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(
    (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
}
