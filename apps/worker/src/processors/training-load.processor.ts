import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobData, JobName, QueueName } from '@app/queue';
import { LoadRecomputeService } from '@app/training-load';
import { ConfiguredWorkerHost } from './configured-worker-host';

@Processor(QueueName.TrainingLoad)
export class TrainingLoadProcessor extends ConfiguredWorkerHost {
  constructor(private readonly recompute: LoadRecomputeService) {
    super();
  }

  async process(job: Job<JobData<JobName.RecomputeLoad>>): Promise<string> {
    const result = await this.recompute.recomputePending(job.data.athleteId, job.data.cause);
    return result.outcome;
  }
}
