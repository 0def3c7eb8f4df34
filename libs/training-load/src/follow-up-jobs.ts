import { EntityManager } from 'typeorm';
import { JobName, OutboxRepository } from '@app/queue';

/** An athlete's data changed from `fromDate` on (sessions, recovery or a self-report), for `cause`. */
export interface DataChanged {
  athleteId: string;
  fromDate: string;
  cause: string;
  /** The change includes a self-report. */
  selfReport: boolean;
}

/**
 * Queues what a data change asks for, in the caller's transaction: the athlete's load recompute, whose own alert
 * evaluation follows it. A self-report is also evaluated at once: its red flags (a referral) and pain must not wait
 * behind the recomputes of a busy queue; the evaluation after the recompute then sees the fresh metrics.
 */
export async function queueFollowUpJobs(outbox: OutboxRepository, manager: EntityManager, changes: DataChanged[]): Promise<void> {
  // The athlete's evaluate work row first, then the recompute row: the order a recompute job takes them in (it
  // queues its evaluation, then marks its own work done), so the two never wait on each other in a cycle.
  await outbox.addMany(
    manager,
    JobName.EvaluateAlerts,
    changes.filter((c) => c.selfReport).map(({ athleteId, cause }) => ({ athleteId, cause: `${cause}-report` })),
  );
  await outbox.addMany(
    manager,
    JobName.RecomputeLoad,
    changes.map(({ athleteId, fromDate, cause }) => ({ athleteId, fromDate, cause })),
  );
}
