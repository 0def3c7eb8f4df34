import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { DelayedError, Job } from 'bullmq';
import { EmailService } from '@app/notifications';
import { JobData, JobName, QueueName } from '@app/queue';
import { ConfiguredWorkerHost } from './configured-worker-host';

@Processor(QueueName.Email)
export class EmailProcessor extends ConfiguredWorkerHost {
  private readonly logger = new Logger(EmailProcessor.name);

  constructor(private readonly emails: EmailService) {
    super();
  }

  async process(job: Job<JobData<JobName.SendEmail>>, token?: string): Promise<string> {
    const outcome = await this.emails.send(job.data.emailId);
    if (typeof outcome === 'string') return outcome;
    // The recipient's quiet hours: park the job until they end (an attempt is not spent).
    await job.moveToDelayed(outcome.notBefore.getTime(), token);
    throw new DelayedError();
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobData<JobName.SendEmail>> | undefined, error: Error): Promise<void> {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.logger.error(`email ${job.data.emailId} failed after ${job.attemptsMade} attempts: ${error.message}`);
    await this.emails.markFailed(job.data.emailId, error.message);
  }
}
