export * from './calc';
export * from './entities';
export * from './load-recompute.service';
export * from './metrics.query';
export * from './recovery-session';
export * from './session.store';
export * from './training-load.module';
