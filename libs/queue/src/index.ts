export * from './athlete-work.entity';
export * from './job-producer.service';
export * from './outbox-message.entity';
export * from './outbox-batching';
export * from './outbox-relay.service';
export * from './outbox.repository';
export * from './queue.contracts';
export * from './queue.module';
