import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobProducer } from './job-producer.service';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay, OUTBOX_RELAY_AUTOSTART } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue.contracts';

export function redisConnection(redisUrl: string) {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    // Workers block on Redis; BullMQ requires unlimited retries per request for them.
    maxRetriesPerRequest: null,
  };
}

@Module({})
export class QueueModule {
  /** `relay: true` in the worker: it owns moving the outbox to Redis. */
  static forRoot(options: { relay: boolean }): DynamicModule {
    return {
      module: QueueModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: redisConnection(config.redisUrl),
            prefix: config.queuePrefix,
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
        BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
        TypeOrmModule.forFeature([OutboxMessage]),
      ],
      providers: [JobProducer, OutboxRepository, OutboxRelay, { provide: OUTBOX_RELAY_AUTOSTART, useValue: options.relay }],
      exports: [JobProducer, OutboxRepository, OutboxRelay, BullModule],
    };
  }
}
