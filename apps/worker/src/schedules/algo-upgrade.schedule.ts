import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JobName, OutboxRepository } from '@app/queue';
import { ALGO_VERSION } from '@app/training-load';

/**
 * When the metric formulas change (ALGO_VERSION), every athlete whose rows an older version produced gets a full
 * recompute. Runs at boot and hourly (a worker that was down catches up); the cause names the version, so
 * several workers queue one job per athlete.
 */
@Injectable()
export class AlgoUpgradeSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(AlgoUpgradeSchedule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.upgrade().catch((error: Error) => this.logger.warn(`algo upgrade check failed: ${error.message}`));
  }

  @Cron(CronExpression.EVERY_HOUR)
  async upgrade(): Promise<number> {
    const stale: { athlete_id: string }[] = await this.dataSource.query(`SELECT DISTINCT athlete_id FROM daily_metrics WHERE algo_version < $1`, [ALGO_VERSION]);
    if (stale.length === 0) return 0;
    await this.dataSource.transaction(async (manager) => {
      for (const { athlete_id } of stale) {
        await this.outbox.add(manager, JobName.RecomputeLoad, { athleteId: athlete_id, fromDate: '1970-01-01', cause: `algo-v${ALGO_VERSION}` });
      }
    });
    this.logger.log(`queued a full recompute for ${stale.length} athletes with metrics older than algo v${ALGO_VERSION}`);
    return stale.length;
  }
}
