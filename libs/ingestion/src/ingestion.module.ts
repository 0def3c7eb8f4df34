import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RosterModule } from '@app/roster';
import { TrainingLoadModule } from '@app/training-load';
import { Integration, RawEvent } from './entities';
import { EventNormalizer } from './event-normalizer.service';
import { IntegrationService } from './integration.service';
import { WebhookIntakeService } from './webhook-intake.service';

@Module({
  imports: [TypeOrmModule.forFeature([Integration, RawEvent]), RosterModule, TrainingLoadModule],
  providers: [IntegrationService, WebhookIntakeService, EventNormalizer],
  exports: [IntegrationService, WebhookIntakeService, EventNormalizer],
})
export class IngestionModule {}
