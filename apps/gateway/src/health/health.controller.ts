import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { KafkaConnectionService } from '@app/runtime';
import { SharePipelineService } from '../share-request/share-pipeline.service';
import { StateSyncService } from '../state/state-sync.service';

/**
 * Liveness and readiness: whether the instance is connected, which input partitions it
 * owns, and whether its recipients/subjects state is caught up. 503 when not connected.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly connection: KafkaConnectionService,
    private readonly pipeline: SharePipelineService,
    private readonly state: StateSyncService,
  ) {}

  @Get()
  health(@Res({ passthrough: true }) res: Response): Record<string, unknown> {
    const connected = this.connection.isConnected();
    if (!connected) res.status(503);
    const reasons = [...(connected ? [] : ['not connected to Kafka']), ...this.state.problems()];
    return {
      app: 'gateway',
      status: reasons.length === 0 ? 'ok' : 'degraded',
      reasons,
      kafka: { connected },
      pipeline: this.pipeline.status(),
      state: this.state.status(),
    };
  }
}
