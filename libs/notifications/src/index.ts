export * from './alert-email.template';
export * from './email.service';
export * from './entities';
export * from './mail-transport';
export * from './notifications.module';
