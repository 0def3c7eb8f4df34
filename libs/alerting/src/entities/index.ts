export * from './alert.entity';
