import request from 'supertest';
import { JOB_ID, JobName, QueueName } from '@app/queue';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { seedTeam, startTestApp, TestApp } from '../setup/test-app';

// Nothing acknowledged is lost: with the relay stopped, webhooks are still accepted and stored; once it runs
// again every one of them is processed exactly once.
describe('outbox relay', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should accept webhooks while the relay is paused and process each exactly once after it resumes', async () => {
    await t.relay.pause();
    const team = await seedTeam(t);
    const N = 12;
    for (let i = 0; i < N; i++) {
      const body = JSON.stringify({
        type: 'session.upserted',
        data: { athleteId: team.athlete.id, externalId: `s-${i}`, startTime: `2026-10-${String(i + 1).padStart(2, '0')}T08:00:00+02:00`, durationS: 3600, rpe: 5 },
      });
      const res = await request(t.app.getHttpServer()).post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body);
      expect(res.status).toBe(202);
    }

    const [raw] = await t.dataSource.query(`SELECT count(*)::int AS n FROM raw_events WHERE status = 'pending'`);
    const [pending] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`);
    expect(raw.n).toBe(N);
    expect(pending.n).toBe(N);
    expect(await t.queue(QueueName.Ingest).getJobCountByTypes('waiting', 'active', 'completed', 'delayed')).toBe(0);
    const [sessionsBefore] = await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions`);
    expect(sessionsBefore.n).toBe(0);

    t.relay.start();
    await pollUntil(
      async () => {
        const [r] = await t.dataSource.query(`SELECT count(*)::int AS n FROM raw_events WHERE status = 'processed'`);
        return r.n === N;
      },
      { what: 'every raw event to be processed' },
    );

    const [sessions] = await t.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d FROM sessions`);
    expect(sessions).toEqual({ n: N, d: N });
    // Each event was carried by exactly one normalize job (relayed together, they share a batch job), whatever the
    // relay and retries did.
    const jobs = await t.queue(QueueName.Ingest).getJobs(['completed']);
    const carried = jobs.flatMap((j) => (j.name === String(JobName.NormalizeEventBatch) ? (j.data.rawEventIds as string[]) : [j.data.rawEventId as string]));
    expect(carried).toHaveLength(N);
    expect(new Set(carried).size).toBe(N);
    expect(await t.queue(QueueName.Ingest).getJobCountByTypes('failed')).toBe(0);
    // Jobs carry the retry policy (attempts with exponential backoff) and their deterministic ids.
    for (const job of jobs) {
      expect(job.opts).toMatchObject({ attempts: 6, backoff: { type: 'exponential', delay: 1000 } });
      expect(job.id).toBe(
        job.name === String(JobName.NormalizeEventBatch) ? JOB_ID[JobName.NormalizeEventBatch](job.data) : `ingest.normalize_${job.data.rawEventId}`,
      );
    }
    // Relaying again finds nothing left to send.
    await pollUntil(async () => (await t.relay.drain()) === 0 && ((await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0].n === 0), {
      what: 'the outbox to be empty',
    });
  });

  it('should enqueue a message once even when it is relayed twice (deterministic job ids)', async () => {
    await t.relay.pause();
    const rows: { id: string }[] = await t.dataSource.query(
      `INSERT INTO outbox (job_name, payload) VALUES ('ingest.normalize', '{"rawEventId":"999999"}'), ('ingest.normalize', '{"rawEventId":"999999"}') RETURNING id`,
    );
    expect(await t.relay.drain()).toBeGreaterThanOrEqual(2);
    const relayed: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE id = ANY($1::bigint[]) AND relayed_at IS NOT NULL`, [
      rows.map((r) => r.id),
    ]);
    expect(relayed[0].n).toBe(2);
    const jobs = await t.queue(QueueName.Ingest).getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
    expect(jobs.filter((j) => j?.data?.rawEventId === '999999')).toHaveLength(1);
    t.relay.start();
  });
});
