import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ConfigurationError, KafkaEnv, ToInt } from '@app/runtime';

/**
 * Every variable the partner reads, validated once at start-up. The Kafka credentials are the
 * ones `onward access partner add <recipientId>` writes: source its `<user>.env` file.
 */
export class PartnerEnv extends KafkaEnv {
  /** The recipient this partner is: it reads `<prefix>shares.<recipientId>` only. */
  @Matches(/^[a-zA-Z0-9._-]{1,200}$/, { message: 'must be 1..200 of [a-zA-Z0-9._-]' })
  PARTNER_RECIPIENT_ID!: string;

  /**
   * Consumer group; the broker lets a partner use groups `<recipientId>:…` only.
   * Default `<recipientId>:onward-partner`.
   */
  @IsOptional()
  @Matches(/^[a-zA-Z0-9._-]{1,200}:[a-zA-Z0-9._:-]{1,100}$/, {
    message: 'must be <recipientId>:<name>',
  })
  PARTNER_GROUP_ID?: string;

  /** The SQLite file of received shares (mode 600, in a directory of mode 700). */
  @IsString()
  PARTNER_DB_PATH: string = '.onward/partner/shares.sqlite';

  /** Largest record accepted, in bytes; a larger one is skipped (and logged by offset). */
  @ToInt()
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  PARTNER_MAX_RECORD_BYTES: number = 1024 * 1024;
}

/**
 * The consumer group of `env`: the configured one, else `<recipientId>:onward-partner`. A group
 * outside the partner's `<recipientId>:` prefix would only be refused by the broker later.
 */
export function partnerGroupId(env: PartnerEnv): string {
  const group = env.PARTNER_GROUP_ID ?? `${env.PARTNER_RECIPIENT_ID}:onward-partner`;
  if (!group.startsWith(`${env.PARTNER_RECIPIENT_ID}:`)) {
    throw new ConfigurationError('PARTNER_GROUP_ID must start with PARTNER_RECIPIENT_ID and ":"');
  }
  return group;
}
