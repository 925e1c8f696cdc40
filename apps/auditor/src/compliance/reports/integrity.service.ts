import { Inject, Injectable } from '@nestjs/common';
import { type QueryRepository, QUERY_REPOSITORY } from '../../store/audit-store';
import type { StoredAlert } from '../../store/store.types';

/** The integrity of one audit partition. */
export interface PartitionIntegrity {
  partition: number;
  /** red while an alert is open (not acknowledged). */
  status: 'green' | 'red';
  /** Records read and checked, events among them (the rest were unparseable). */
  recordsRead: number;
  eventsVerified: number;
  lastVerifiedSeq: number | null;
  lastVerifiedHash: string | null;
  lastVerifiedOffset: number | null;
  openAlerts: StoredAlert[];
}

/** The integrity of the whole audit topic. */
export interface IntegrityReport {
  status: 'green' | 'red';
  partitions: PartitionIntegrity[];
}

/** Per partition: what was verified, where the chain stands, which alerts are open. */
@Injectable()
export class IntegrityService {
  constructor(@Inject(QUERY_REPOSITORY) private readonly repository: QueryRepository) {}

  async report(): Promise<IntegrityReport> {
    const [states, open] = await Promise.all([
      this.repository.partitionStates(),
      this.repository.alerts({ open: true }),
    ]);
    const partitions = states.map((state): PartitionIntegrity => {
      const openAlerts = open.filter((a) => a.partition === state.partition);
      return {
        partition: state.partition,
        status: openAlerts.length > 0 ? 'red' : 'green',
        recordsRead: state.records,
        eventsVerified: state.events,
        lastVerifiedSeq: state.tip?.seq ?? null,
        lastVerifiedHash: state.tip?.hash ?? null,
        lastVerifiedOffset: state.tip?.offset ?? null,
        openAlerts,
      };
    });
    const red = partitions.some((p) => p.status === 'red');
    return { status: red ? 'red' : 'green', partitions };
  }

  /** Every alert, or only the open ones. */
  alerts(open: boolean): Promise<StoredAlert[]> {
    return this.repository.alerts({ open });
  }

  /** Acknowledges an alert (it stays stored); null when there is no such alert. */
  acknowledge(
    id: number,
    note: string | null,
    now: Date = new Date(),
  ): Promise<StoredAlert | null> {
    return this.repository.acknowledgeAlert(id, note, now.toISOString());
  }
}
