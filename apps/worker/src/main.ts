import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { PlatformModule, prepareProcess } from '@app/platform';
import { QueueModule } from '@app/queue';
import { WorkerModule } from './worker.module';

export function workerRoot(config: AppConfig) {
  @Module({ imports: [PlatformModule.forRoot(config), QueueModule.forRoot({ relay: true }), WorkerModule] })
  class WorkerRoot {}
  return WorkerRoot;
}

async function bootstrap(): Promise<void> {
  const config = await prepareProcess('worker');
  const app = await NestFactory.createApplicationContext(workerRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
}

if (require.main === module) void bootstrap();
