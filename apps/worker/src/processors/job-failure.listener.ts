import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { QueueName } from '@app/queue';

/** The one place failed jobs are reported (per attempt), for every queue. */
function failureListener(queue: QueueName) {
  @QueueEventsListener(queue)
  class Listener extends QueueEventsHost {
    readonly logger = new Logger(`JobFailures:${queue}`);

    @OnQueueEvent('failed')
    onFailed({ jobId, failedReason }: { jobId: string; failedReason: string }): void {
      this.logger.warn(`job ${jobId} failed: ${failedReason}`);
    }
  }
  return Listener;
}

export const JOB_FAILURE_LISTENERS = Object.values(QueueName).map(failureListener);
