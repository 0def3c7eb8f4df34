export * from './email.entity';
