import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { addDays, localDate } from '@app/training-load';

/**
 * Hourly: every athlete whose local day has turned gets a recompute, so a day without sessions becomes a rest
 * day (and ratios decay) even when nothing arrives. The cause names the local day, so the 23 other hourly runs
 * of that day collapse into the same job id.
 */
@Injectable()
export class DailyRolloverSchedule {
  private readonly logger = new Logger(DailyRolloverSchedule.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  @Cron(CronExpression.EVERY_HOUR)
  async rollOver(): Promise<void> {
    const athletes: { id: string; timezone: string }[] = await this.dataSource.query(`SELECT id, timezone FROM athletes`);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      for (const athlete of athletes) {
        const today = localDate(now, athlete.timezone);
        await this.outbox.add(manager, JobName.RecomputeLoad, { athleteId: athlete.id, fromDate: addDays(today, -1), cause: `rollover-${today}` });
      }
    });
    this.logger.log(`queued day roll-over for ${athletes.length} athletes`);
  }
}
