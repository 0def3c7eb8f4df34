import { batchDigest, JobName, JobPayloads } from './queue.contracts';

/** A job to add: its name and typed payload (the id follows from them, see JOB_ID). */
export type JobRequest = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];

/** Most requests one batch job carries: one transaction each, short enough to keep per-athlete locks brief. */
export const MAX_BATCH = 50;

const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * What the relay adds for a set of outbox messages: normalize, recompute and evaluate requests relayed together
 * become batch jobs (one job, one transaction for up to MAX_BATCH of them); a lone request stays a single job.
 * Batching only changes how many jobs carry the work: every normalize is still idempotent per raw event, and
 * recomputes and evaluations still take each athlete's merged work under the athlete's lock. The same messages
 * give the same batch ids, so a relay that sends them twice adds each batch once.
 */
export function batchJobs(messages: JobRequest[]): JobRequest[] {
  const out: JobRequest[] = [];
  const normalize: JobPayloads[JobName.NormalizeEvent][] = [];
  const recompute: JobPayloads[JobName.RecomputeLoad][] = [];
  const evaluate: JobPayloads[JobName.EvaluateAlerts][] = [];
  for (const m of messages) {
    if (m.name === JobName.NormalizeEvent) normalize.push(m.data);
    else if (m.name === JobName.RecomputeLoad) recompute.push(m.data);
    else if (m.name === JobName.EvaluateAlerts) evaluate.push(m.data);
    else out.push(m);
  }
  const rawIds = [...new Set(normalize.map((d) => d.rawEventId))];
  for (const ids of chunks(rawIds, MAX_BATCH)) {
    out.push(ids.length === 1 ? { name: JobName.NormalizeEvent, data: { rawEventId: ids[0] } } : { name: JobName.NormalizeEventBatch, data: { rawEventIds: ids } });
  }
  out.push(...athleteBatches(recompute, JobName.RecomputeLoad, JobName.RecomputeLoadBatch));
  out.push(...athleteBatches(evaluate, JobName.EvaluateAlerts, JobName.EvaluateAlertsBatch));
  return out;
}

function athleteBatches(
  requests: { athleteId: string; cause: string; fromDate?: string }[],
  single: JobName.RecomputeLoad | JobName.EvaluateAlerts,
  batch: JobName.RecomputeLoadBatch | JobName.EvaluateAlertsBatch,
): JobRequest[] {
  if (requests.length === 0) return [];
  const byAthlete = new Map<string, { athleteId: string; cause: string; fromDate?: string }[]>();
  for (const r of requests) byAthlete.set(r.athleteId, [...(byAthlete.get(r.athleteId) ?? []), r]);
  const out: JobRequest[] = [];
  for (const athleteIds of chunks([...byAthlete.keys()].sort(), MAX_BATCH)) {
    if (athleteIds.length === 1) {
      // One athlete: its first request's job does all of its merged work (the others would find nothing to do).
      const [first] = byAthlete.get(athleteIds[0]) as { athleteId: string; cause: string; fromDate?: string }[];
      out.push(single === JobName.RecomputeLoad ? { name: single, data: { athleteId: first.athleteId, fromDate: first.fromDate as string, cause: first.cause } } : { name: single, data: { athleteId: first.athleteId, cause: first.cause } });
      continue;
    }
    const cause = `batch-${batchDigest(athleteIds.flatMap((id) => (byAthlete.get(id) ?? []).map((r) => `${id}/${r.cause}`)))}`;
    out.push({ name: batch, data: { athleteIds, cause } });
  }
  return out;
}
