import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { AlertEvaluator } from '@app/alerting';
import { JobData, JobName, QueueName } from '@app/queue';
import { ConfiguredWorkerHost } from './configured-worker-host';

@Processor(QueueName.Alerts)
export class AlertsProcessor extends ConfiguredWorkerHost {
  constructor(private readonly evaluator: AlertEvaluator) {
    super();
  }

  process(job: Job<JobData<JobName.EvaluateAlerts>>): Promise<string> {
    return this.evaluator.evaluatePending(job.data.athleteId);
  }
}
