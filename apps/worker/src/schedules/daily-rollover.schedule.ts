import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { localDate } from '@app/training-load';

/**
 * Hourly: an athlete whose metrics stop before their local today gets a recompute, so a day without sessions
 * becomes a rest day (and the ratios decay) even when nothing arrives. Catches up by itself after downtime;
 * the cause names the day, so two workers running it at once produce one job.
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
  async rollOver(): Promise<number> {
    const rows: { id: string; timezone: string; last: string }[] = await this.dataSource.query(
      `SELECT a.id, a.timezone, max(m.date)::text AS last FROM athletes a JOIN daily_metrics m ON m.athlete_id = a.id GROUP BY a.id, a.timezone`,
    );
    const now = this.clock.now();
    const behind = rows.map((r) => ({ ...r, today: localDate(now, r.timezone) })).filter((r) => r.last < r.today);
    await this.dataSource.transaction(async (manager) => {
      for (const r of behind) {
        await this.outbox.add(manager, JobName.RecomputeLoad, { athleteId: r.id, fromDate: r.last, cause: `rollover-${r.today}` });
      }
    });
    if (behind.length > 0) this.logger.log(`queued day roll-over for ${behind.length} athletes`);
    return behind.length;
  }
}
