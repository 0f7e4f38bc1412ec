import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators';
import { PortalConfig } from '../config/portal-config';
import { RedisService } from '../queue/redis.service';

class HealthChecksResponse {
  @ApiProperty({ enum: ['up', 'down'] }) database: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
}

export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'] }) status: 'ok' | 'error';
  @ApiProperty({ type: HealthChecksResponse }) checks: HealthChecksResponse;
}

export class LiveResponse {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<T>((_, fail) => (t = setTimeout(() => fail(new Error('timeout')), ms)))]);
  } finally {
    if (t) clearTimeout(t);
  }
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly redis: RedisService,
    private readonly config: PortalConfig,
  ) {}

  /** 200 when Postgres and Redis answer, 503 otherwise (API.md's shape): `checks` names the part that is down. */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'a dependency is down' })
  async health(@Res() res: Response) {
    await this.answer(res);
  }

  /**
   * Readiness (for a load balancer or an orchestrator's readinessProbe): the same checks and answer as GET /api/health
   * — 503 takes the replica out of rotation while the database or Redis is down, and it returns by itself.
   */
  @Public()
  @Get('ready')
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'a dependency is down' })
  async ready(@Res() res: Response) {
    await this.answer(res);
  }

  /**
   * Liveness (livenessProbe): 200 whenever the process answers HTTP at all; it asks no dependency, so a database
   * outage never makes an orchestrator restart every replica.
   */
  @Public()
  @Get('live')
  @ApiOkResponse({ type: LiveResponse })
  live(): LiveResponse {
    return { status: 'ok' };
  }

  private async answer(res: Response): Promise<void> {
    const [database, redisPing] = await Promise.all([this.database(), this.redisPing()]);
    // without a Redis client the queues run on Postgres: Redis is as up as the database
    const redis = redisPing ?? (this.config.QUEUE_ON_POSTGRES ? database : 'down');
    const ok = database === 'up' && redis === 'up';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'error', checks: { database, redis } });
  }

  private database(): Promise<'up' | 'down'> {
    return within(this.ds.query('SELECT 1'), 2000).then(
      () => 'up' as const,
      () => 'down' as const,
    );
  }

  private async redisPing(): Promise<'up' | 'down' | null> {
    if (!this.redis.client) return null;
    return within(this.redis.client.ping(), 2000).then(
      (p) => (p === 'PONG' ? ('up' as const) : ('down' as const)),
      () => 'down' as const,
    );
  }
}
