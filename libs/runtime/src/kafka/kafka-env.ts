import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ToInt } from '../env/env-transforms';

/** Environment every Onward app needs to reach Kafka. */
export class KafkaEnv {
  /** Comma-separated host:port list. */
  @Matches(/^[^\s,:]+:\d{1,5}(,[^\s,:]+:\d{1,5})*$/, {
    message: 'must be a comma-separated host:port list',
  })
  KAFKA_BROKERS!: string;

  @IsOptional()
  @Matches(/^[a-zA-Z0-9._-]{1,100}$/, { message: 'must be 1..100 of [a-zA-Z0-9._-]' })
  KAFKA_CLIENT_ID?: string;

  /** Prefix of every topic (DESIGN §2): lets several deployments or tests share one cluster. */
  @Matches(/^[a-zA-Z0-9._-]{0,100}$/, { message: 'must be 0..100 of [a-zA-Z0-9._-]' })
  ONWARD_TOPIC_PREFIX: string = 'privacy.';

  @IsOptional()
  @IsIn(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])
  KAFKA_SASL_MECHANISM?: 'PLAIN' | 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

  @IsOptional()
  @IsString()
  KAFKA_SASL_USERNAME?: string;

  /** Prefer KAFKA_SASL_PASSWORD_FILE: a file keeps the secret out of the process table. */
  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD?: string;

  @IsOptional()
  @IsString()
  KAFKA_SASL_PASSWORD_FILE?: string;

  @ToInt()
  @IsInt()
  @Min(100)
  @Max(120_000)
  KAFKA_CONNECTION_TIMEOUT_MS: number = 3000;
}
