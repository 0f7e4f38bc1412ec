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

  /** 200 when Postgres and Redis answer, 503 otherwise (API.md's shape). */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthResponse })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'a dependency is down' })
  async health(@Res() res: Response) {
    const database = await within(this.ds.query('SELECT 1'), 2000).then(
      () => 'up',
      () => 'down',
    );
    let redis: string;
    if (this.redis.client) {
      redis = await within(this.redis.client.ping(), 2000).then(
        (p) => (p === 'PONG' ? 'up' : 'down'),
        () => 'down',
      );
    } else {
      redis = database === 'up' && this.config.QUEUE_ON_POSTGRES ? 'up' : 'down'; // queues run on Postgres
    }
    const ok = database === 'up' && redis === 'up';
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'error', checks: { database, redis } });
  }
}
