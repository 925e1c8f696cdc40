import { Inject, Injectable } from '@nestjs/common';
import { ONWARD_METRICS } from '@app/runtime';
import { Gauge, type Registry } from 'prom-client';
import { StateSyncService } from './state-sync.service';

/**
 * Metrics of the on-disk state, read when scraped: subjects held and restore progress per owned
 * partition (labels are partitions only), and the store's size on disk.
 */
@Injectable()
export class StateMetrics {
  constructor(@Inject(ONWARD_METRICS) registry: Registry, state: StateSyncService) {
    const registers = [registry];
    const perPartition = (
      name: string,
      help: string,
      pick: (p: ReturnType<StateSyncService['partitionStatus']>[number]) => number | null,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['partition'],
        registers,
        collect() {
          this.reset();
          for (const p of state.partitionStatus()) {
            const value = pick(p);
            if (value !== null) this.set({ partition: String(p.partition) }, value);
          }
        },
      });
    perPartition(
      'onward_gateway_state_subjects',
      'Subject profiles held, per owned subjects partition',
      (p) => p.subjects,
    );
    perPartition(
      'onward_gateway_state_applied_offset',
      'Next offset to apply, per owned subjects partition',
      (p) => Number(p.appliedOffset),
    );
    perPartition(
      'onward_gateway_state_restore_target_offset',
      'End offset the restore of an owned subjects partition aims at',
      (p) => Number(p.targetOffset),
    );
    perPartition(
      'onward_gateway_state_restore_seconds',
      'How long the restore of an owned subjects partition took (absent while restoring)',
      (p) => (p.restoreMs === null ? null : p.restoreMs / 1000),
    );
    new Gauge({
      name: 'onward_gateway_state_store_bytes',
      help: 'Bytes the state store takes on disk',
      registers,
      collect() {
        this.set(state.storeBytes());
      },
    });
  }
}
