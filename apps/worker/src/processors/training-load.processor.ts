import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobData, JobName, JobProducer, QueueName } from '@app/queue';
import { LoadRecomputeService } from '@app/training-load';
import { ConfiguredWorkerHost } from './configured-worker-host';

type TrainingLoadJob = Job<JobData<JobName.RecomputeLoad>, string, JobName.RecomputeLoad> | Job<JobData<JobName.RecomputeLoadBatch>, string, JobName.RecomputeLoadBatch>;

@Processor(QueueName.TrainingLoad)
export class TrainingLoadProcessor extends ConfiguredWorkerHost {
  constructor(
    private readonly recompute: LoadRecomputeService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  async process(job: TrainingLoadJob): Promise<string> {
    if (job.name === JobName.RecomputeLoadBatch) {
      const { cause } = job.data;
      const r = await this.recompute.recomputePendingMany(job.data.athleteIds, cause);
      // A failed batch: each athlete's merged work goes to a single job (its own retries); fromDate is not read by it.
      if (r.handOff.length > 0) await this.producer.enqueueMany(r.handOff.map((athleteId) => ({ name: JobName.RecomputeLoad, data: { athleteId, fromDate: '1970-01-01', cause } })));
      return `done ${r.done}, coalesced ${r.coalesced}, handed off ${r.handOff.length}`;
    }
    const result = await this.recompute.recomputePending(job.data.athleteId, job.data.cause);
    return result.outcome;
  }
}
