export * from './poll-until';
export * from './smtp-sink';
export * from './test-database';
export * from './webhook-signer';
export * from './chromium';
export * from './child-processes';
export * from './free-port';
