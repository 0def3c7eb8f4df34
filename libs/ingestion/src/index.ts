export * from './entities';
export * from './event-normalizer.service';
export * from './ingestion.module';
export * from './integration.service';
export * from './standard/standard-event.schema';
export * from './standard/standard-webhook.signature';
export * from './webhook-intake.service';
