export * from './clock';
export * from './common.module';
export * from './domain-error';
export * from './http-exception.filter';
export * from './secret-box';
export * from './seeded-random';
export * from './returned-rows';
