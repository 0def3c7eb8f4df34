import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RosterModule } from '@app/roster';
import { TrainingLoadModule } from '@app/training-load';
import { ChangeApplier } from './changes/change-applier';
import { BackfillService } from './connections/backfill.service';
import { ConnectionService } from './connections/connection.service';
import { OAuthState } from './connections/oauth-state.entity';
import { OAuthService } from './connections/oauth.service';
import { ProviderConnection } from './connections/provider-connection.entity';
import { Integration, RawEvent } from './entities';
import { EventNormalizer } from './event-normalizer.service';
import { IntegrationService } from './integration.service';
import { ALL_ADAPTERS } from './providers/all-adapters';
import { ProviderApiFactory } from './providers/provider-api.factory';
import { ProviderEventResolver } from './providers/provider-event.resolver';
import { ProviderIntakeService } from './providers/provider-intake.service';
import { PROVIDER_ADAPTERS, ProviderRegistry } from './providers/provider-registry';
import { WebhookIntakeService } from './webhook-intake.service';

@Module({
  imports: [TypeOrmModule.forFeature([Integration, RawEvent, ProviderConnection, OAuthState]), RosterModule, TrainingLoadModule],
  providers: [
    { provide: PROVIDER_ADAPTERS, useValue: ALL_ADAPTERS },
    ProviderRegistry,
    ProviderApiFactory,
    ProviderIntakeService,
    ProviderEventResolver,
    ConnectionService,
    OAuthService,
    BackfillService,
    ChangeApplier,
    IntegrationService,
    WebhookIntakeService,
    EventNormalizer,
  ],
  exports: [IntegrationService, WebhookIntakeService, EventNormalizer, ProviderIntakeService, OAuthService, ConnectionService, BackfillService, ProviderRegistry],
})
export class IngestionModule {}
