import { IsInt, IsString, Max, Min } from 'class-validator';
import { KafkaEnv, ToInt } from '@app/runtime';

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
}
