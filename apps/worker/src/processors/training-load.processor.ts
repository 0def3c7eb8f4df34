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

  process(job: Job<JobData<JobName.RecomputeLoad>>): Promise<string> {
    return this.recompute.recompute(job.data.athleteId, job.data.fromDate, job.data.cause);
  }
}
