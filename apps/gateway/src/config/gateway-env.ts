import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
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

  @IsOptional()
  @IsString()
  GATEWAY_GROUP_ID?: string;
}
