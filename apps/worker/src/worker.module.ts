import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertingModule } from '@app/alerting';
import { IngestionModule } from '@app/ingestion';
import { NotificationsModule } from '@app/notifications';
import { TrainingLoadModule } from '@app/training-load';
import { AlertsProcessor } from './processors/alerts.processor';
import { EmailProcessor } from './processors/email.processor';
import { IngestProcessor } from './processors/ingest.processor';
import { JOB_FAILURE_LISTENERS } from './processors/job-failure.listener';
import { TrainingLoadProcessor } from './processors/training-load.processor';
import { AlgoUpgradeSchedule } from './schedules/algo-upgrade.schedule';
import { DailyRolloverSchedule } from './schedules/daily-rollover.schedule';
import { DigestSchedule } from './schedules/digest.schedule';
import { HousekeepingSchedule } from './schedules/housekeeping.schedule';

/** Queue consumers and schedules. No HTTP. (The root module adds QueueModule with the outbox relay.) */
@Module({
  imports: [ScheduleModule.forRoot(), IngestionModule, TrainingLoadModule, AlertingModule, NotificationsModule],
  providers: [IngestProcessor, TrainingLoadProcessor, AlertsProcessor, EmailProcessor, ...JOB_FAILURE_LISTENERS, DailyRolloverSchedule, HousekeepingSchedule, AlgoUpgradeSchedule, DigestSchedule],
})
export class WorkerModule {}
