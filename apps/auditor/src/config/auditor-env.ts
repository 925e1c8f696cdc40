import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { KafkaEnv, ToBool, ToInt } from '@app/runtime';

/** Every variable the auditor reads, validated once at start-up. */
export class AuditorEnv extends KafkaEnv {
  /** HTTP port of the compliance API and page; 0 picks a free one. */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(65535)
  AUDITOR_HTTP_PORT: number = 8081;

  @IsString()
  AUDITOR_HTTP_HOST: string = '127.0.0.1';

  /** Where the SQLite store lives: one file per Kafka cluster and audit topic below it. */
  @IsString()
  AUDITOR_DATA_DIR: string = '.onward/auditor';

  /**
   * `postgres://…`: the PostgreSQL store, which several auditors share (they split the audit
   * partitions in one consumer group). Unset: the embedded SQLite store, one auditor.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'AUDITOR_DATABASE_URL must start with postgres://' })
  AUDITOR_DATABASE_URL?: string;

  /** The consumer group of the auditors sharing a PostgreSQL store; default from the topic. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDITOR_GROUP_ID?: string;

  /**
   * How long the group waits for a silent auditor before handing its partitions to the
   * others: the failover time after a crash (PostgreSQL store; Kafka's minimum is 6000).
   */
  @ToInt()
  @IsInt()
  @Min(6000)
  @Max(300_000)
  AUDITOR_SESSION_TIMEOUT_MS: number = 30_000;

  /**
   * The bearer token of the compliance API and page. Prefer AUDITOR_TOKEN_FILE: a file keeps
   * the secret out of the process table. Neither set: every compliance route answers 401.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  AUDITOR_TOKEN?: string;

  @IsOptional()
  @IsString()
  AUDITOR_TOKEN_FILE?: string;

  /**
   * How long a record the verifier holds back at the end of the stream (its successor decides
   * whether it was forged, or an event before it deleted) waits before it is judged alone.
   */
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(600_000)
  AUDITOR_HOLD_MS: number = 2000;

  /**
   * How often the auditor looks for new `<prefix>notice-acks.<recipientId>` topics (a partner
   * added while it runs) and restarts a stopped acknowledgements reader.
   */
  @ToInt()
  @IsInt()
  @Min(500)
  @Max(3_600_000)
  AUDITOR_NOTICE_ACK_REFRESH_MS: number = 30_000;

  /** Most acknowledgements topics read; /health says `truncated` when more exist. */
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(100_000)
  AUDITOR_NOTICE_ACK_MAX_TOPICS: number = 10_000;

  /** Marks the page's session cookie Secure; set it when the auditor is served over HTTPS. */
  @ToBool()
  @IsBoolean()
  AUDITOR_COOKIE_SECURE: boolean = false;

  /** Log verifier keys of the gateway's checkpoints (comma or space separated; rotation: all). */
  @IsOptional()
  @IsString()
  AUDITOR_CHECKPOINT_KEYS?: string;

  /** The witness's cosigner key (signed-note, type 0x04); prefer the _FILE form. */
  @IsOptional()
  @IsString()
  AUDITOR_WITNESS_KEY?: string;

  @IsOptional()
  @IsString()
  AUDITOR_WITNESS_KEY_FILE?: string;

  /** The cluster named in checkpoint origins; default: the Kafka cluster id. */
  @IsOptional()
  @IsString()
  ONWARD_CLUSTER_ID?: string;
}
