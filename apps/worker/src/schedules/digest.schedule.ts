import { Injectable } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/common';
import { DigestService } from '@app/notifications';

/** Every hour at :05: coaches for whom it is now 07:00 or later (their time zone) get the day's digest, once. */
@Injectable()
export class DigestSchedule {
  constructor(
    private readonly digests: DigestService,
    private readonly clock: Clock,
  ) {}

  @Cron('5 * * * *')
  sendDue(): Promise<number> {
    return this.digests.queueDue(this.clock.now());
  }
}
