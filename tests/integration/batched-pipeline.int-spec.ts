import request from 'supertest';
import { AlertEvaluator } from '@app/alerting';
import { EventNormalizer } from '@app/ingestion';
import { JobName, QueueName } from '@app/queue';
import { addDays, LoadRecomputeService, localDate } from '@app/training-load';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { SeededTeam, seedTeam, startTestApp, TestApp } from '../setup/test-app';

// The relay hands normalize, recompute and evaluate requests that it relays together to batch jobs (one
// transaction each). A batch must keep every guarantee of the single jobs: a bad event never loses or blocks the
// others, a redelivered batch changes nothing, and the metrics are those of a full recompute.
describe('batched pipeline', () => {
  let t: TestApp;
  const today = localDate(new Date(), 'UTC');

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  async function post(team: SeededTeam, athleteId: string, externalId: string, daysAgo: number): Promise<void> {
    const body = JSON.stringify({ type: 'session.upserted', data: { athleteId, externalId, startTime: `${addDays(today, -daysAgo)}T07:00:00Z`, durationS: 3000, rpe: 6 } });
    await request(t.app.getHttpServer()).post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);
  }

  const rawIdsOf = async (teamId: string): Promise<string[]> =>
    (await t.dataSource.query(`SELECT id::text FROM raw_events WHERE team_id = $1 ORDER BY id`, [teamId])).map((r: { id: string }) => r.id);
  const statuses = (ids: string[]) =>
    t.dataSource.query<{ status: string; n: number }[]>(`SELECT status, count(*)::int AS n FROM raw_events WHERE id = ANY($1::bigint[]) GROUP BY status ORDER BY status`, [ids]);
  const recomputeRequests = async (athleteId: string) =>
    (await t.dataSource.query(`SELECT payload FROM outbox WHERE job_name = $1 AND payload->>'athleteId' = $2`, [JobName.RecomputeLoad, athleteId])).map(
      (r: { payload: object }) => r.payload,
    );

  it('should apply a batch in one go, reject only the bad event, hand platform events to single jobs, and change nothing when redelivered', async () => {
    await t.relay.pause();
    const team = await seedTeam(t, { timezone: 'UTC' });
    const gone = await t.roster.createAthlete(team.teamId, { name: 'Gone', email: 'gone@example.test', timezone: 'UTC' });
    for (let i = 0; i < 5; i++) await post(team, team.athlete.id, `batch-${i}`, 10 - i);
    await post(team, gone.id, 'gone-1', 3);
    await t.dataSource.query(`DELETE FROM athletes WHERE id = $1`, [gone.id]);
    const ids = await rawIdsOf(team.teamId);
    const [platform] = await t.dataSource.query(`INSERT INTO raw_events (source, event_id, body) VALUES ('strava', 'batch-test', '{}') RETURNING id::text`);
    expect(ids).toHaveLength(6);

    const normalizer = t.app.get(EventNormalizer);
    const first = await normalizer.normalizeBatch([...ids, platform.id]);
    expect(first).toEqual({ applied: 5, unchanged: 0, rejected: 1, skipped: 0, handOff: [platform.id] });
    expect(await statuses(ids)).toEqual([
      { status: 'failed', n: 1 },
      { status: 'processed', n: 5 },
    ]);
    const [rejected] = await t.dataSource.query(`SELECT error FROM raw_events WHERE id = $1`, [ids[5]]);
    expect(rejected.error).toBe('athlete no longer exists');
    expect(await statuses([platform.id])).toEqual([{ status: 'pending', n: 1 }]);
    const [{ n: sessions }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE athlete_id = $1`, [team.athlete.id]);
    expect(sessions).toBe(5);
    // One recompute request for the athlete, from the earliest day the batch changed.
    expect(await recomputeRequests(team.athlete.id)).toEqual([{ athleteId: team.athlete.id, fromDate: addDays(today, -10), cause: `raw-${ids[0]}` }]);
    const [work] = await t.dataSource.query(`SELECT from_date::text AS from, version::int FROM athlete_work WHERE athlete_id = $1 AND kind = 'recompute'`, [team.athlete.id]);
    expect(work).toEqual({ from: addDays(today, -10), version: 1 });

    // Redelivered (the relay sent it twice, or the job ran again): nothing changes.
    const again = await normalizer.normalizeBatch([...ids, platform.id]);
    expect(again).toEqual({ applied: 0, unchanged: 0, rejected: 0, skipped: 6, handOff: [platform.id] });
    expect(await recomputeRequests(team.athlete.id)).toHaveLength(1);
    const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE athlete_id = $1`, [team.athlete.id]);
    expect(after).toBe(5);
    await t.dataSource.query(`DELETE FROM raw_events WHERE id = $1`, [platform.id]);
    t.relay.start();
  });

  it('should keep session versions within one batch: the newest wins, a deletion that came first sticks', async () => {
    await t.relay.pause();
    const team = await seedTeam(t, { timezone: 'UTC' });
    const send = async (type: string, data: object) => {
      const body = JSON.stringify({ type, data: { athleteId: team.athlete.id, ...data } });
      await request(t.app.getHttpServer()).post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);
    };
    const session = (externalId: string, minutes: number, version: number) => ({
      externalId,
      startTime: `${addDays(today, -2)}T07:00:00Z`,
      durationS: minutes * 60,
      rpe: 5,
      updatedAt: new Date(Date.UTC(2026, 0, 1, 0, version)).toISOString(),
    });
    await send('session.upserted', session('twice', 30, 1));
    await send('session.upserted', session('twice', 40, 2)); // newer, same batch
    await send('session.upserted', session('older-last', 50, 2));
    await send('session.upserted', session('older-last', 20, 1)); // older, arrives later: ignored
    await send('session.deleted', { externalId: 'deleted-first', updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 5)).toISOString() });
    await send('session.upserted', session('deleted-first', 60, 3)); // older than the deletion: stays deleted
    await send('session.upserted', session('alone', 70, 1));
    const ids = await rawIdsOf(team.teamId);
    const result = await t.app.get(EventNormalizer).normalizeBatch(ids);
    expect(result.handOff).toEqual([]);
    expect(result.applied + result.unchanged).toBe(7);
    const stored = await t.dataSource.query(
      `SELECT external_id AS "externalId", duration_s AS "durationS", deleted FROM sessions WHERE athlete_id = $1 ORDER BY external_id`,
      [team.athlete.id],
    );
    expect(stored).toEqual([
      { externalId: 'alone', durationS: 4200, deleted: false },
      { externalId: 'older-last', durationS: 3000, deleted: false },
      { externalId: 'twice', durationS: 2400, deleted: false },
    ]);
    const [tombstone] = await t.dataSource.query(`SELECT count(*)::int AS n FROM session_tombstones WHERE external_id = 'deleted-first'`);
    expect(tombstone.n).toBe(1);
    t.relay.start();
  });

  it('should hand every event of a failing batch to its own job, so the poisoned one blocks none of the others', async () => {
    await t.relay.pause();
    const team = await seedTeam(t, { timezone: 'UTC' });
    // A session the database refuses: the batch's transaction fails half-way.
    await t.dataSource.query(`
      CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.external_id = 'poison' THEN RAISE EXCEPTION 'poisoned session'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_poison BEFORE INSERT OR UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    try {
      await post(team, team.athlete.id, 'good-1', 4);
      await post(team, team.athlete.id, 'poison', 3);
      await post(team, team.athlete.id, 'good-2', 2);
      await post(team, team.athlete.id, 'good-3', 1);
      const ids = await rawIdsOf(team.teamId);
      const [{ id: poisonId }] = await t.dataSource.query(`SELECT id::text FROM raw_events WHERE team_id = $1 AND body LIKE '%"poison"%'`, [team.teamId]);

      const result = await t.app.get(EventNormalizer).normalizeBatch(ids);
      expect(result).toEqual({ applied: 0, unchanged: 0, rejected: 0, skipped: 0, handOff: ids });
      // Nothing of the failed batch was kept.
      expect(await statuses(ids)).toEqual([{ status: 'pending', n: 4 }]);
      expect(await recomputeRequests(team.athlete.id)).toEqual([]);

      // Through the relay: the four requests become one batch job, which fails and hands off to single jobs.
      t.relay.start();
      await pollUntil(async () => (await statuses(ids)).find((s) => s.status === 'processed')?.n === 3, { what: 'the three good events' });
      const poisonJob = await pollUntil(
        async () => {
          const job = await t.queue(QueueName.Ingest).getJob(`${JobName.NormalizeEvent}_${poisonId}`);
          return job && (job.failedReason || (job.stacktrace ?? []).length > 0) ? job : null;
        },
        { what: 'the poisoned event’s own job to have failed an attempt' },
      );
      expect([poisonJob.failedReason ?? '', ...(poisonJob.stacktrace ?? [])].join('\n')).toContain('poisoned session');
      const [poison] = await t.dataSource.query(`SELECT status FROM raw_events WHERE id = $1`, [poisonId]);
      expect(poison.status).toBe('pending'); // marked failed only after its last attempt
      const [batch] = (await t.queue(QueueName.Ingest).getCompleted()).filter(
        (j) => j.name === String(JobName.NormalizeEventBatch) && (j.data.rawEventIds as string[]).includes(poisonId),
      );
      expect(batch.returnvalue).toBe(`applied 0, unchanged 0, rejected 0, skipped 0, handed off ${batch.data.rawEventIds.length}`);
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_poison ON sessions; DROP FUNCTION refuse_poison()`);
      await t.queue(QueueName.Ingest).drain(true);
    }
  });

  it('should recompute and evaluate many athletes in batch jobs and store exactly what full recomputes store', async () => {
    await t.relay.pause();
    const team = await seedTeam(t, { timezone: 'UTC' });
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await t.roster.createAthlete(team.teamId, { name: `Batch ${i}`, email: `batch-${i}@example.test`, timezone: 'UTC' }));
    const athletes = [team.athlete, ...others];
    for (let d = 0; d < 6; d++) for (const a of athletes) await post(team, a.id, `${a.id}-${d}`, 12 - 2 * d);
    const ids = await rawIdsOf(team.teamId);
    t.relay.start();
    await pollUntil(
      async () => {
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM athlete_work WHERE athlete_id = ANY($1::uuid[])`, [athletes.map((a) => a.id)]);
        const busy = await Promise.all([QueueName.Ingest, QueueName.TrainingLoad, QueueName.Alerts].map((q) => t.queue(q).getJobCountByTypes('waiting', 'active', 'delayed')));
        return (await statuses(ids)).find((s) => s.status === 'processed')?.n === ids.length && n === 0 && busy.every((b) => b === 0);
      },
      { what: 'every event processed, recomputed and evaluated' },
    );
    const names = async (q: QueueName) => new Set((await t.queue(q).getCompleted()).map((j) => j.name));
    expect(await names(QueueName.TrainingLoad)).toContain(JobName.RecomputeLoadBatch);
    expect(await names(QueueName.Alerts)).toContain(JobName.EvaluateAlertsBatch);
    for (const q of [QueueName.Ingest, QueueName.TrainingLoad, QueueName.Alerts]) expect(await t.queue(q).getJobCountByTypes('failed')).toBe(0);

    const columns = `date::text, load, acute7, chronic28, acwr_ewma, ewma_acute, ewma_chronic, monotony, strain, ctl, atl, form, streak`;
    const rows = (id: string) => t.dataSource.query(`SELECT ${columns} FROM daily_metrics WHERE athlete_id = $1 ORDER BY date`, [id]);
    const stored = await Promise.all(athletes.map((a) => rows(a.id)));
    for (const s of stored) expect(s).toHaveLength(13);

    // Redelivered batches find the work done: nothing is recomputed or evaluated again.
    expect(await t.app.get(LoadRecomputeService).recomputePendingMany(athletes.map((a) => a.id), 'again')).toEqual({ done: 0, coalesced: 4, handOff: [] });
    expect(await t.app.get(AlertEvaluator).evaluatePendingMany(athletes.map((a) => a.id))).toEqual({ done: 0, coalesced: 4, handOff: [] });

    for (const a of athletes) await t.app.get(LoadRecomputeService).recompute(a.id, '1970-01-01', 'full');
    expect(await Promise.all(athletes.map((a) => rows(a.id)))).toEqual(stored);
  });
});
