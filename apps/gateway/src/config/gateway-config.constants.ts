/** Injection token of the compiled policy the gateway decides with. */
export const GATEWAY_POLICY = Symbol('GATEWAY_POLICY');
/** Injection token of the pseudonymisation key (bytes). */
export const GATEWAY_PSEUDONYM_KEY = Symbol('GATEWAY_PSEUDONYM_KEY');
/** Injection token of the topic names for the configured prefix. */
export const GATEWAY_TOPICS = Symbol('GATEWAY_TOPICS');
/** Injection token of whether the tracing SDK runs (OTEL_* configured); false: no spans at all. */
export const GATEWAY_TRACING = Symbol('GATEWAY_TRACING');
/** Injection token of the checkpoint signing key (a NoteSigner), or null: checkpoints off. */
export const GATEWAY_CHECKPOINT_KEY = Symbol('GATEWAY_CHECKPOINT_KEY');
