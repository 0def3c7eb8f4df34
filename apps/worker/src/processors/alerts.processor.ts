import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { AlertEvaluator } from '@app/alerting';
import { JobData, JobName, JobProducer, QueueName } from '@app/queue';
import { ConfiguredWorkerHost } from './configured-worker-host';

type AlertsJob = Job<JobData<JobName.EvaluateAlerts>, string, JobName.EvaluateAlerts> | Job<JobData<JobName.EvaluateAlertsBatch>, string, JobName.EvaluateAlertsBatch>;

@Processor(QueueName.Alerts)
export class AlertsProcessor extends ConfiguredWorkerHost {
  constructor(
    private readonly evaluator: AlertEvaluator,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  async process(job: AlertsJob): Promise<string> {
    if (job.name === JobName.EvaluateAlertsBatch) {
      const { cause } = job.data;
      const r = await this.evaluator.evaluatePendingMany(job.data.athleteIds);
      // A failed batch: each athlete's merged work goes to a single job (its own retries).
      if (r.handOff.length > 0) await this.producer.enqueueMany(r.handOff.map((athleteId) => ({ name: JobName.EvaluateAlerts, data: { athleteId, cause } })));
      return `done ${r.done}, coalesced ${r.coalesced}, handed off ${r.handOff.length}`;
    }
    return this.evaluator.evaluatePending(job.data.athleteId);
  }
}
