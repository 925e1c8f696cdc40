import { IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import { KafkaEnv, ToInt } from '@app/runtime';

/** Every variable the gateway reads, validated once at start-up. */
export class GatewayEnv extends KafkaEnv {
  /** HTTP port for /health and /metrics; 0 picks a free one. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  GATEWAY_HTTP_PORT: number = 8080;

  @IsString()
  GATEWAY_HTTP_HOST: string = '127.0.0.1';

  /** Consumer group of the share pipeline; also the stem of the transactional ids. */
  @Matches(/^[a-zA-Z0-9._-]{1,200}$/, { message: 'must be 1..200 of [a-zA-Z0-9._-]' })
  GATEWAY_GROUP_ID: string = 'onward-gateway';

  /** Partitions of the topics the gateway creates (requests, subjects, audit, shares, DLQ). */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(10_000)
  ONWARD_PARTITIONS: number = 6;

  /** Replication factor of the topics the gateway creates. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(16)
  ONWARD_REPLICATION_FACTOR: number = 1;

  /** The policy file; default: the bundled coursera-privacy.yaml. */
  @IsOptional()
  @IsString()
  ONWARD_POLICY_FILE?: string;

  /** HMAC key of research pseudonyms; prefer ONWARD_PSEUDONYM_KEY_FILE. One of the two is required. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  ONWARD_PSEUDONYM_KEY?: string;

  @IsOptional()
  @IsString()
  ONWARD_PSEUDONYM_KEY_FILE?: string;

  /** Largest share request accepted, in bytes; larger ones go to the DLQ. */
  @ToInt()
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  ONWARD_MAX_MESSAGE_BYTES: number = 1024 * 1024;

  /** Input partitions processed at the same time, each in its own transaction. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(64)
  GATEWAY_CONCURRENT_PARTITIONS: number = 3;

  /** Upper bound of bytes fetched per partition, and so of one transaction's input. */
  @ToInt()
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  GATEWAY_MAX_BYTES_PER_PARTITION: number = 1024 * 1024;

  /** A crashed instance's open transaction blocks read_committed readers at most this long. */
  @ToInt()
  @IsInt()
  @Min(1000)
  @Max(900_000)
  GATEWAY_TRANSACTION_TIMEOUT_MS: number = 30_000;

  /**
   * How long the group waits for a silent member: after a crash, its partitions move to another
   * instance (or to its own restart) only after this long. Kafka requires 6 s or more by default.
   */
  @ToInt()
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  GATEWAY_SESSION_TIMEOUT_MS: number = 30_000;

  /** How long a batch waits for the consent barrier before it is retried. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(600_000)
  GATEWAY_STATE_BARRIER_TIMEOUT_MS: number = 30_000;

  /**
   * The log key that signs audit checkpoints (a signed-note signer key); prefer the _FILE form.
   * Neither set: no checkpoints are written.
   */
  @IsOptional()
  @IsString()
  GATEWAY_CHECKPOINT_KEY?: string;

  @IsOptional()
  @IsString()
  GATEWAY_CHECKPOINT_KEY_FILE?: string;

  /** A checkpoint is signed at the latest after this many new events of a partition. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  GATEWAY_CHECKPOINT_EVERY_EVENTS: number = 1000;

  /** ...or when events were added and this long passed since the partition's last checkpoint. */
  @ToInt()
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  GATEWAY_CHECKPOINT_INTERVAL_MS: number = 10_000;

  /** The cluster named in checkpoint origins; default: the Kafka cluster id the broker reports. */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9._-]{1,128}$/, { message: 'must be 1..128 of [a-zA-Z0-9._-]' })
  ONWARD_CLUSTER_ID?: string;

  /**
   * Directory of the on-disk state store (recipients, owned subjects, checkpoints); one per
   * instance, kept across restarts so they resume. Default: `.onward/gateway-state/<group>`.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  GATEWAY_STATE_DIR?: string;
}
