// Entry point of the gateway process. Telemetry first: it must load before Nest and kafkajs.
import './telemetry/instrument';
import { startNestApp } from '@app/runtime';
import { GatewayEnv } from './config/gateway-env';
import { GatewayModule } from './gateway.module';

void startNestApp({
  app: 'gateway',
  env: GatewayEnv,
  module: (env, logger) => GatewayModule.forRoot(env, logger),
  http: (env) => ({ port: env.GATEWAY_HTTP_PORT, host: env.GATEWAY_HTTP_HOST }),
});
