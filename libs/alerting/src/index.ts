export * from './alert-evaluator.service';
export * from './alerting.module';
export * from './alerts.query';
export * from './entities';
export * from './rules';
