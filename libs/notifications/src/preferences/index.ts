export * from './delivery-policy';
export * from './notification-preference.entity';
export * from './preferences.service';
export * from './unsubscribe-tokens';
