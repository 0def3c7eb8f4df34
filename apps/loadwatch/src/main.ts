// All-in-one: the API and the worker in one process (`npm start`). Scale out with start:api / start:worker.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/config';
import { PlatformModule, prepareProcess } from '@app/platform';
import { QueueModule } from '@app/queue';
import { ApiModule } from '../../api/src/api.module';
import { apiHttpAdapter, configureApp, LISTEN_HOST } from '../../api/src/configure-app';
import { WorkerModule } from '../../worker/src/worker.module';

export function allInOneRoot(config: AppConfig) {
  @Module({ imports: [PlatformModule.forRoot(config), QueueModule.forRoot({ relay: true }), ApiModule, WorkerModule] })
  class AllInOneRoot {}
  return AllInOneRoot;
}

async function bootstrap(): Promise<void> {
  const config = await prepareProcess('all-in-one');
  const app = await NestFactory.create<NestFastifyApplication>(allInOneRoot(config), apiHttpAdapter(), { bodyParser: false, bufferLogs: true });
  await configureApp(app, config);
  await app.listen(config.port, LISTEN_HOST);
}

if (require.main === module) void bootstrap();
