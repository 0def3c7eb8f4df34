import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { JobRequest } from './outbox-batching';
import { JOB_ID, JobName, JobPayloads, QUEUE_OF, QueueName } from './queue.contracts';

/** The only way code puts work on a queue: typed payload in, deterministic job id out. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Ingest) ingest: Queue,
    @InjectQueue(QueueName.TrainingLoad) trainingLoad: Queue,
    @InjectQueue(QueueName.Alerts) alerts: Queue,
    @InjectQueue(QueueName.Email) email: Queue,
  ) {
    this.queues = { [QueueName.Ingest]: ingest, [QueueName.TrainingLoad]: trainingLoad, [QueueName.Alerts]: alerts, [QueueName.Email]: email };
  }

  async enqueue<N extends JobName>(name: N, data: JobPayloads[N]): Promise<string> {
    const jobId = JOB_ID[name](data);
    await this.queues[QUEUE_OF[name]].add(name, data, { jobId });
    return jobId;
  }

  /** Adds many jobs with one round trip per queue; returns their ids. */
  async enqueueMany(jobs: JobRequest[]): Promise<string[]> {
    const byQueue = new Map<QueueName, { name: string; data: object; opts: { jobId: string } }[]>();
    const ids: string[] = [];
    for (const job of jobs) {
      const jobId = (JOB_ID[job.name] as (data: JobRequest['data']) => string)(job.data);
      ids.push(jobId);
      const queue = QUEUE_OF[job.name];
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), { name: job.name, data: job.data, opts: { jobId } }]);
    }
    await Promise.all([...byQueue].map(([queue, bulk]) => this.queues[queue].addBulk(bulk)));
    return ids;
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }
}
