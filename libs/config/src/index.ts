export * from './app-config';
export * from './config.module';
export * from './reachability';
export * from './provider-settings';
