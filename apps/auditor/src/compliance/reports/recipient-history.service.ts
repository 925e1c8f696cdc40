import { Inject, Injectable } from '@nestjs/common';
import type { Recipient } from '@app/contracts';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';

/** One version of a recipient's registration. */
export interface RegistrationVersion {
  validFrom: string;
  partition: number;
  offset: number;
  /** False for a deregistration (a tombstone). */
  registered: boolean;
  recipient: Recipient | null;
}

/**
 * Every registration of a recipient the auditor has read, oldest first. The recipients topic
 * is compacted, so Kafka forgets superseded versions; this history is the auditor's own.
 */
@Injectable()
export class RecipientHistoryService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async history(recipientId: string): Promise<RegistrationVersion[]> {
    const versions = await this.repository.recipientHistory([recipientId]);
    return versions.map((v) => ({
      validFrom: new Date(v.validFromMs).toISOString(),
      partition: v.partition,
      offset: v.offset,
      registered: v.recipient !== null,
      recipient: v.recipient,
    }));
  }
}
