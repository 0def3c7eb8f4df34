import { WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';

/** A BullMQ consumer whose concurrency comes from WORKER_CONCURRENCY (per queue, per process). */
export abstract class ConfiguredWorkerHost extends WorkerHost implements OnApplicationBootstrap {
  @Inject(APP_CONFIG) private readonly appConfig!: AppConfig;

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.appConfig.workerConcurrency;
  }
}
