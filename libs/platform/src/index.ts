export * from './platform.module';
export * from './prepare-process';
export * from './process-cluster';
