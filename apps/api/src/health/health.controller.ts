import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/queue';
import { Public } from '../auth/access.decorators';

type Check = 'up' | 'down';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Ingest) private readonly queue: Queue,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Readiness: Postgres and Redis reachable (503 when either is not)' })
  async check(@Res({ passthrough: true }) res: FastifyReply): Promise<{ status: 'ok' | 'error'; db: Check; redis: Check }> {
    const [db, redis] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1'), 2000).then(() => 'up' as const, () => 'down' as const),
      withTimeout(this.queue.count(), 2000).then(() => 'up' as const, () => 'down' as const),
    ]);
    const status = db === 'up' && redis === 'up' ? 'ok' : 'error';
    if (status !== 'ok') void res.status(503);
    return { status, db, redis };
  }
}
