import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { OutboxRepository } from '@app/queue';

const RELAYED_OUTBOX_RETENTION_DAYS = 7;

/** Nightly: relayed outbox rows have done their job; keep a week for debugging, then drop them. */
@Injectable()
export class HousekeepingSchedule {
  private readonly logger = new Logger(HousekeepingSchedule.name);

  constructor(private readonly outbox: OutboxRepository) {}

  @Cron(CronExpression.EVERY_DAY_AT_3AM)
  async pruneOutbox(): Promise<number> {
    const removed = await this.outbox.pruneRelayed(RELAYED_OUTBOX_RETENTION_DAYS);
    if (removed > 0) this.logger.log(`removed ${removed} relayed outbox rows older than ${RELAYED_OUTBOX_RETENTION_DAYS} days`);
    return removed;
  }
}
