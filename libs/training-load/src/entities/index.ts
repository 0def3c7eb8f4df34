export * from './daily-metric.entity';
export * from './daily-recovery.entity';
export * from './self-report.entity';
export * from './training-session.entity';
export * from './session-tombstone.entity';
