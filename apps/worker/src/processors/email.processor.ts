import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { EmailService } from '@app/notifications';
import { JobData, JobName, QueueName } from '@app/queue';
import { ConfiguredWorkerHost } from './configured-worker-host';

@Processor(QueueName.Email)
export class EmailProcessor extends ConfiguredWorkerHost {
  private readonly logger = new Logger(EmailProcessor.name);

  constructor(private readonly emails: EmailService) {
    super();
  }

  process(job: Job<JobData<JobName.SendEmail>>): Promise<string> {
    return this.emails.send(job.data.emailId);
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobData<JobName.SendEmail>> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(`email ${job.data.emailId} failed after ${job.attemptsMade} attempts: ${error.message}`);
    await this.emails.markFailed(job.data.emailId, error.message);
  }
}
