import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { KafkaConnectionService } from '@app/runtime';

/** Liveness and readiness for an orchestrator: 200 when connected, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(private readonly connection: KafkaConnectionService) {}

  @Get()
  health(@Res({ passthrough: true }) res: Response): Record<string, unknown> {
    const connected = this.connection.isConnected();
    if (!connected) res.status(503);
    return { app: 'auditor', status: connected ? 'ok' : 'degraded', kafka: { connected } };
  }
}
