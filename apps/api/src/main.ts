import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@app/config';
import { PlatformModule, prepareProcess, superviseCluster } from '@app/platform';
import { QueueModule } from '@app/queue';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

export function apiRoot(config: AppConfig) {
  @Module({ imports: [PlatformModule.forRoot(config), QueueModule.forRoot({ relay: false }), ApiModule] })
  class ApiRoot {}
  return ApiRoot;
}

async function bootstrap(): Promise<void> {
  const config = await prepareProcess('api');
  if (superviseCluster('api', config.apiProcesses)) return;
  const app = await NestFactory.create(apiRoot(config), { bodyParser: false, bufferLogs: true });
  configureApp(app, config);
  await app.listen(config.port);
}

if (require.main === module) void bootstrap();
