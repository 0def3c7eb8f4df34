import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/config';
import { PlatformModule, prepareProcess, superviseCluster } from '@app/platform';
import { QueueModule } from '@app/queue';
import { ApiModule } from './api.module';
import { apiHttpAdapter, configureApp, LISTEN_HOST } from './configure-app';

export function apiRoot(config: AppConfig) {
  @Module({ imports: [PlatformModule.forRoot(config), QueueModule.forRoot({ relay: false }), ApiModule] })
  class ApiRoot {}
  return ApiRoot;
}

async function bootstrap(): Promise<void> {
  const config = await prepareProcess('api');
  if (superviseCluster('api', config.apiProcesses)) return;
  const app = await NestFactory.create<NestFastifyApplication>(apiRoot(config), apiHttpAdapter(), { bodyParser: false, bufferLogs: true });
  await configureApp(app, config);
  await app.listen(config.port, LISTEN_HOST);
}

if (require.main === module) void bootstrap();
