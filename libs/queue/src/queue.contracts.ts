// Queue and job names are stored in Redis with every job: never rename a value without a migration plan.
import { createHash } from 'node:crypto';

export enum QueueName {
  Ingest = 'ingest',
  TrainingLoad = 'training-load',
  Alerts = 'alerts',
  Email = 'email',
}

export enum JobName {
  NormalizeEvent = 'ingest.normalize',
  RecomputeLoad = 'load.recompute',
  EvaluateAlerts = 'alerts.evaluate',
  SendEmail = 'email.send',
  BackfillConnection = 'provider.backfill',
  /** Many ingest.normalize requests in one job (the outbox relay groups them): one transaction for the batch. */
  NormalizeEventBatch = 'ingest.normalize-batch',
  /** Many load.recompute requests in one job: the athletes' merged work, one transaction for the batch. */
  RecomputeLoadBatch = 'load.recompute-batch',
  /** Many alerts.evaluate requests in one job: the athletes' merged work, one transaction for the batch. */
  EvaluateAlertsBatch = 'alerts.evaluate-batch',
}

/** What each job carries. Ids only: the worker reads the current state from Postgres. */
export interface JobPayloads {
  [JobName.NormalizeEvent]: { rawEventId: string };
  /** `cause` names what changed (e.g. `raw-42`), so two changes never collapse into one stale run. */
  [JobName.RecomputeLoad]: { athleteId: string; fromDate: string; cause: string };
  [JobName.EvaluateAlerts]: { athleteId: string; cause: string };
  [JobName.SendEmail]: { emailId: string };
  /** `requestedAt` makes a reconnect start a new backfill instead of colliding with the last one's job id. */
  [JobName.BackfillConnection]: { connectionId: string; requestedAt: string };
  [JobName.NormalizeEventBatch]: { rawEventIds: string[] };
  /** `cause` names the requests the batch stands for (their digest), like the single job's cause. */
  [JobName.RecomputeLoadBatch]: { athleteIds: string[]; cause: string };
  [JobName.EvaluateAlertsBatch]: { athleteIds: string[]; cause: string };
}

export type JobData<N extends JobName> = JobPayloads[N];

export const QUEUE_OF: Record<JobName, QueueName> = {
  [JobName.NormalizeEvent]: QueueName.Ingest,
  [JobName.RecomputeLoad]: QueueName.TrainingLoad,
  [JobName.EvaluateAlerts]: QueueName.Alerts,
  [JobName.SendEmail]: QueueName.Email,
  [JobName.BackfillConnection]: QueueName.Ingest,
  [JobName.NormalizeEventBatch]: QueueName.Ingest,
  [JobName.RecomputeLoadBatch]: QueueName.TrainingLoad,
  [JobName.EvaluateAlertsBatch]: QueueName.Alerts,
};

/** A short digest of what a batch is about: the same requests, in any order, give the same id. */
export function batchDigest(parts: string[]): string {
  return createHash('sha256').update([...parts].sort().join('\n')).digest('hex').slice(0, 32);
}

/**
 * Deterministic job ids: a retried step or a relayed-twice outbox row adds the same id, which BullMQ drops.
 * (BullMQ forbids ':' in custom ids, hence '_'.)
 */
export const JOB_ID: { [N in JobName]: (data: JobPayloads[N]) => string } = {
  [JobName.NormalizeEvent]: (d) => `${JobName.NormalizeEvent}_${d.rawEventId}`,
  [JobName.RecomputeLoad]: (d) => `${JobName.RecomputeLoad}_${d.athleteId}_${d.cause}`,
  [JobName.EvaluateAlerts]: (d) => `${JobName.EvaluateAlerts}_${d.athleteId}_${d.cause}`,
  [JobName.SendEmail]: (d) => `${JobName.SendEmail}_${d.emailId}`,
  [JobName.BackfillConnection]: (d) => `${JobName.BackfillConnection}_${d.connectionId}_${d.requestedAt.replace(/[^0-9]/g, '')}`,
  [JobName.NormalizeEventBatch]: (d) => `${JobName.NormalizeEventBatch}_${batchDigest(d.rawEventIds)}`,
  [JobName.RecomputeLoadBatch]: (d) => `${JobName.RecomputeLoadBatch}_${batchDigest([...d.athleteIds, `cause:${d.cause}`])}`,
  [JobName.EvaluateAlertsBatch]: (d) => `${JobName.EvaluateAlertsBatch}_${batchDigest([...d.athleteIds, `cause:${d.cause}`])}`,
};

export const DEFAULT_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 1000 },
  // Completed ids are kept for a day so a late duplicate is still recognised and dropped.
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
