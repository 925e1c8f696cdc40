/** Injection token of an app's one kafkajs client. */
export const ONWARD_KAFKA = Symbol('ONWARD_KAFKA');
/** Injection token of an app's pino logger. */
export const ONWARD_LOGGER = Symbol('ONWARD_LOGGER');
/** Injection token of an app's validated environment. */
export const ONWARD_ENV = Symbol('ONWARD_ENV');
/** Injection token of an app's prom-client registry (served on `GET /metrics`). */
export const ONWARD_METRICS = Symbol('ONWARD_METRICS');
