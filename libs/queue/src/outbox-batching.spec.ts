import { batchJobs, JobRequest, MAX_BATCH } from './outbox-batching';
import { JOB_ID, JobName } from './queue.contracts';

const normalize = (id: number): JobRequest => ({ name: JobName.NormalizeEvent, data: { rawEventId: String(id) } });
const recompute = (athleteId: string, cause: string): JobRequest => ({ name: JobName.RecomputeLoad, data: { athleteId, fromDate: '2026-01-01', cause } });
const evaluate = (athleteId: string, cause: string): JobRequest => ({ name: JobName.EvaluateAlerts, data: { athleteId, cause } });

describe('batchJobs', () => {
  it('should keep a lone request a single job and pass other jobs through', () => {
    const email: JobRequest = { name: JobName.SendEmail, data: { emailId: 'e1' } };
    expect(batchJobs([normalize(1), recompute('a', 'raw-1'), evaluate('a', 'raw-1'), email])).toEqual([email, normalize(1), recompute('a', 'raw-1'), evaluate('a', 'raw-1')]);
  });

  it('should batch normalize requests by MAX_BATCH, dropping duplicates', () => {
    const jobs = batchJobs([...Array.from({ length: MAX_BATCH + 3 }, (_, i) => normalize(i)), normalize(0)]);
    expect(jobs.map((j) => j.name)).toEqual([JobName.NormalizeEventBatch, JobName.NormalizeEventBatch]);
    expect(jobs.map((j) => (j.data as { rawEventIds: string[] }).rawEventIds.length)).toEqual([MAX_BATCH, 3]);
  });

  it('should give one job per athlete set, whatever the order of the requests (the same id when relayed twice)', () => {
    const requests = [recompute('b', 'raw-2'), recompute('a', 'raw-1'), recompute('b', 'raw-3')];
    const [job] = batchJobs(requests);
    expect(job).toEqual({ name: JobName.RecomputeLoadBatch, data: { athleteIds: ['a', 'b'], cause: expect.stringMatching(/^batch-[0-9a-f]{32}$/) } });
    const [again] = batchJobs([...requests].reverse());
    expect(JOB_ID[JobName.RecomputeLoadBatch](again.data as never)).toBe(JOB_ID[JobName.RecomputeLoadBatch](job.data as never));
    // Different requests for the same athletes are a different batch.
    const [other] = batchJobs([recompute('a', 'raw-9'), recompute('b', 'raw-3')]);
    expect(JOB_ID[JobName.RecomputeLoadBatch](other.data as never)).not.toBe(JOB_ID[JobName.RecomputeLoadBatch](job.data as never));
    expect(batchJobs([evaluate('a', 'x'), evaluate('c', 'y')])[0].name).toBe(JobName.EvaluateAlertsBatch);
  });
});
