export * from './entities';
export * from './roster.module';
export * from './roster.service';
