// Entry point of the auditor process. Telemetry first: it must load before Nest and kafkajs.
import './telemetry/instrument';
import { startNestApp } from '@app/runtime';
import { AuditorEnv } from './config/auditor-env';
import { AuditorModule } from './auditor.module';

void startNestApp({
  app: 'auditor',
  env: AuditorEnv,
  module: (env, logger) => AuditorModule.forRoot(env, logger),
  http: (env) => ({ port: env.AUDITOR_HTTP_PORT, host: env.AUDITOR_HTTP_HOST }),
});
