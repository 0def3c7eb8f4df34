import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EventNormalizer } from '@app/ingestion';
import { JobData, JobName, QueueName } from '@app/queue';

@Processor(QueueName.Ingest)
export class IngestProcessor extends WorkerHost {
  private readonly logger = new Logger(IngestProcessor.name);

  constructor(private readonly normalizer: EventNormalizer) {
    super();
  }

  async process(job: Job<JobData<JobName.NormalizeEvent>>): Promise<string> {
    const outcome = await this.normalizer.normalize(job.data.rawEventId);
    this.logger.debug(`raw event ${job.data.rawEventId}: ${outcome}`);
    return outcome;
  }
}
