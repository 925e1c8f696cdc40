// Entry point of the auditor process. Telemetry first: it must load before Nest and kafkajs.
import './telemetry/instrument';
import { startNestApp } from '@app/runtime';
import { AuditorEnv } from './config/auditor-env';
import { makeDataDirPrivate } from './config/private-data-dir';
import { AuditorModule } from './auditor.module';

// Every file the auditor writes (its store, SQLite's -wal and -shm files) is private: 600/700.
process.umask(0o077);
makeDataDirPrivate(process.env.AUDITOR_DATA_DIR || new AuditorEnv().AUDITOR_DATA_DIR);

void startNestApp({
  app: 'auditor',
  env: AuditorEnv,
  module: (env, logger) => AuditorModule.forRoot(env, logger),
  http: (env) => ({ port: env.AUDITOR_HTTP_PORT, host: env.AUDITOR_HTTP_HOST }),
});
