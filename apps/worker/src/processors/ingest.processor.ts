import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { BackfillService, EventNormalizer, RateLimitedError } from '@app/ingestion';
import { JobData, JobName, QueueName } from '@app/queue';
import { ConfiguredWorkerHost } from './configured-worker-host';

type IngestJob = Job<JobData<JobName.NormalizeEvent>, string, JobName.NormalizeEvent> | Job<JobData<JobName.BackfillConnection>, string, JobName.BackfillConnection>;

@Processor(QueueName.Ingest)
export class IngestProcessor extends ConfiguredWorkerHost {
  private readonly logger = new Logger(IngestProcessor.name);

  constructor(
    private readonly normalizer: EventNormalizer,
    private readonly backfill: BackfillService,
  ) {
    super();
  }

  async process(job: IngestJob, token?: string): Promise<string> {
    try {
      return job.name === JobName.BackfillConnection ? await this.backfill.run(job.data.connectionId) : await this.normalizer.normalize(job.data.rawEventId);
    } catch (error) {
      // The platform asked us to wait: park the job until then without spending one of its attempts.
      if (error instanceof RateLimitedError) {
        this.logger.warn(`${job.id}: ${error.message}`);
        await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
        throw new DelayedError();
      }
      throw error;
    }
  }

  /** After the last retry the raw event says why it was not applied (it stays stored for a replay). */
  @OnWorkerEvent('failed')
  async onFailed(job: IngestJob | undefined, error: Error): Promise<void> {
    if (!job || job.name !== JobName.NormalizeEvent || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(`raw event ${job.data.rawEventId} failed after ${job.attemptsMade} attempts: ${error.message}`);
    await this.normalizer.markFailed(job.data.rawEventId, error.message);
  }
}
