import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { BackfillService, EventNormalizer, RateLimitedError } from '@app/ingestion';
import { JobData, JobName, JobProducer, QueueName } from '@app/queue';
import { ConfiguredWorkerHost } from './configured-worker-host';

type IngestJob =
  | Job<JobData<JobName.NormalizeEvent>, string, JobName.NormalizeEvent>
  | Job<JobData<JobName.NormalizeEventBatch>, string, JobName.NormalizeEventBatch>
  | Job<JobData<JobName.BackfillConnection>, string, JobName.BackfillConnection>;

@Processor(QueueName.Ingest)
export class IngestProcessor extends ConfiguredWorkerHost {
  private readonly logger = new Logger(IngestProcessor.name);

  constructor(
    private readonly normalizer: EventNormalizer,
    private readonly backfill: BackfillService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  async process(job: IngestJob, token?: string): Promise<string> {
    try {
      if (job.name === JobName.BackfillConnection) return await this.backfill.run(job.data.connectionId);
      if (job.name === JobName.NormalizeEventBatch) return await this.normalizeBatch(job.data.rawEventIds);
      return await this.normalizer.normalize(job.data.rawEventId);
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

  /** What the batch left (platform events, or all of it when it failed) goes to single jobs with their own retries. */
  private async normalizeBatch(rawEventIds: string[]): Promise<string> {
    const r = await this.normalizer.normalizeBatch(rawEventIds);
    if (r.handOff.length > 0) await this.producer.enqueueMany(r.handOff.map((rawEventId) => ({ name: JobName.NormalizeEvent, data: { rawEventId } })));
    return `applied ${r.applied}, unchanged ${r.unchanged}, rejected ${r.rejected}, skipped ${r.skipped}, handed off ${r.handOff.length}`;
  }

  /** After the last retry the raw event says why it was not applied (it stays stored for a replay). */
  @OnWorkerEvent('failed')
  async onFailed(job: IngestJob | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    if (job.name === JobName.NormalizeEvent) {
      this.logger.error(`raw event ${job.data.rawEventId} failed after ${job.attemptsMade} attempts: ${error.message}`);
      await this.normalizer.markFailed(job.data.rawEventId, error.message);
    } else if (job.name === JobName.NormalizeEventBatch) {
      // Only handing off can fail a batch job (Redis away every attempt): what it still holds pending is marked.
      this.logger.error(`a batch of ${job.data.rawEventIds.length} raw events failed after ${job.attemptsMade} attempts: ${error.message}`);
      for (const id of job.data.rawEventIds) await this.normalizer.markFailed(id, error.message);
    }
  }
}
