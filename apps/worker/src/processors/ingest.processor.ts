import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EventNormalizer } from '@app/ingestion';
import { JobData, JobName, QueueName } from '@app/queue';
import { ConfiguredWorkerHost } from './configured-worker-host';

@Processor(QueueName.Ingest)
export class IngestProcessor extends ConfiguredWorkerHost {
  private readonly logger = new Logger(IngestProcessor.name);

  constructor(private readonly normalizer: EventNormalizer) {
    super();
  }

  async process(job: Job<JobData<JobName.NormalizeEvent>>): Promise<string> {
    const outcome = await this.normalizer.normalize(job.data.rawEventId);
    this.logger.debug(`raw event ${job.data.rawEventId}: ${outcome}`);
    return outcome;
  }

  /** After the last retry the raw event says why it was not applied (it stays stored for a replay). */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobData<JobName.NormalizeEvent>> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(`raw event ${job.data.rawEventId} failed after ${job.attemptsMade} attempts: ${error.message}`);
    await this.normalizer.markFailed(job.data.rawEventId, error.message);
  }
}
