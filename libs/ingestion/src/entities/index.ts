export * from './integration.entity';
export * from './raw-event.entity';
