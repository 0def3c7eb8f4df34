import request from 'supertest';
import { QueueName } from '@app/queue';
import { addDays, LoadRecomputeService, localDate } from '@app/training-load';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { seedTeam, startTestApp, TestApp } from '../setup/test-app';

// A burst of changes for one athlete merges into one pending work item: the first recompute job does it all,
// the rest find nothing to do. The stored metrics are still those of a full recompute.
describe('merged athlete work', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should run far fewer recomputes than requests and store what a full recompute stores', async () => {
    const team = await seedTeam(t, { timezone: 'UTC' });
    const today = localDate(new Date(), 'UTC');
    // Everything is normalised before any recompute runs: the training-load queue is paused meanwhile.
    await t.queue(QueueName.TrainingLoad).pause();
    const N = 30;
    for (let i = 0; i < N; i++) {
      const body = JSON.stringify({ type: 'session.upserted', data: { athleteId: team.athlete.id, externalId: `b-${i}`, startTime: `${addDays(today, -i)}T07:00:00Z`, durationS: 2400 + i * 60, rpe: 3 + (i % 6) } });
      await request(t.app.getHttpServer()).post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);
    }
    await pollUntil(
      async () =>
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM raw_events WHERE status = 'processed'`))[0].n === N &&
        (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`))[0].n === 0,
      { what: `${N} raw events processed and their recompute requests relayed` },
    );
    // The relay adds one job for the requests of one athlete it relays together: at most N jobs.
    const jobs = await t.queue(QueueName.TrainingLoad).getWaitingCount();
    expect(jobs).toBeGreaterThan(0);
    expect(jobs).toBeLessThanOrEqual(N);
    const [work] = await t.dataSource.query(`SELECT from_date::text AS from, version::int FROM athlete_work WHERE athlete_id = $1 AND kind = 'recompute'`, [team.athlete.id]);
    // Every recompute request merged into the one row (a normalize batch asks once per athlete).
    const [{ requests }] = await t.dataSource.query(`SELECT count(*)::int AS requests FROM outbox WHERE job_name = 'load.recompute'`);
    expect(requests).toBeGreaterThan(1);
    expect(work).toEqual({ from: addDays(today, -(N - 1)), version: requests });

    await t.queue(QueueName.TrainingLoad).resume();
    await pollUntil(async () => (await t.queue(QueueName.TrainingLoad).getCompletedCount()) === jobs, { what: 'every recompute job' });
    const outcomes = (await t.queue(QueueName.TrainingLoad).getCompleted()).map((j) => j.returnvalue as string);
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'coalesced')).toHaveLength(jobs - 1);
    expect(await t.dataSource.query(`SELECT 1 FROM athlete_work WHERE athlete_id = $1 AND kind = 'recompute'`, [team.athlete.id])).toEqual([]);

    const columns = `date::text, load, acute7, chronic28, acwr_ewma, ewma_acute, ewma_chronic, monotony, strain, ctl, atl, form, streak`;
    const stored = await t.dataSource.query(`SELECT ${columns} FROM daily_metrics WHERE athlete_id = $1 ORDER BY date`, [team.athlete.id]);
    await t.app.get(LoadRecomputeService).recompute(team.athlete.id, '1970-01-01', 'full');
    expect(await t.dataSource.query(`SELECT ${columns} FROM daily_metrics WHERE athlete_id = $1 ORDER BY date`, [team.athlete.id])).toEqual(stored);
    expect(stored).toHaveLength(N);
  });
});
