import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../setup/test-app';

// What athletes enter themselves: profile at onboarding, daily self-report, RPE after the fact, hand-logged sessions.
describe('athlete input through the API (e2e)', () => {
  let t: TestApp;
  let team: SeededTeam;
  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const yesterday = () => addDays(localDate(new Date(), 'UTC'), -1);
  const loadOn = async (day: string) =>
    (await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${day}&to=${day}`).set(auth())).body.days?.[0]?.load as number | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    team = await seedTeam(t, { timezone: 'UTC' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should record LBP history at onboarding and refuse an unknown time zone', async () => {
    const res = await api().patch(`/api/athletes/${team.athlete.id}`).set(auth()).send({ lbpHistory: true, hrRest: 48, hrMax: 192 }).expect(200);
    expect(res.body).toMatchObject({ lbpHistory: true, hrRest: 48, hrMax: 192 });
    const bad = await api().patch(`/api/athletes/${team.athlete.id}`).set(auth()).send({ timezone: 'Mars/Olympus' }).expect(422);
    expect(bad.body.error).toBe('VALIDATION_FAILED');
  });

  it('should store a self-report and reject a bad one without writing anything', async () => {
    const day = yesterday();
    await api()
      .post(`/api/athletes/${team.athlete.id}/self-reports`)
      .set(auth())
      .send({ date: day, wellness: { sleepQuality: 2, fatigue: 4, stress: 3, soreness: 4, mood: 2 }, backPain: 5, backPainRegion: 'lower back', redFlags: [], illness: false })
      .expect(202);
    const [row] = await t.dataSource.query(`SELECT back_pain, wellness FROM self_reports WHERE athlete_id = $1 AND date = $2`, [team.athlete.id, day]);
    expect(row).toEqual({ back_pain: 5, wellness: { sleepQuality: 2, fatigue: 4, stress: 3, soreness: 4, mood: 2 } });

    const bad = await api().post(`/api/athletes/${team.athlete.id}/self-reports`).set(auth()).send({ date: addDays(day, -1), backPain: 11, wellness: { mood: 9 } }).expect(422);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['backPain', 'wellness']);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM self_reports WHERE athlete_id = $1`, [team.athlete.id]))[0].n).toBe(1);
  });

  it('should log a strength session with its sets and count it in the metrics', async () => {
    const day = yesterday();
    const res = await api()
      .post(`/api/athletes/${team.athlete.id}/sessions`)
      .set(auth())
      .send({
        startTime: `${day}T17:00:00Z`,
        durationS: 3600,
        rpe: 8,
        sport: 'strength',
        exercises: [{ name: 'Deadlift', sets: [{ reps: 5, kg: 140 }, { reps: 5, kg: 140, rpe: 9 }] }],
      })
      .expect(202);
    expect(res.body).toMatchObject({ date: day });
    const [row] = await t.dataSource.query(`SELECT provider, exercises, load FROM sessions WHERE athlete_id = $1 AND external_id = $2`, [team.athlete.id, res.body.externalId]);
    expect(row).toMatchObject({ provider: 'manual', load: 480, exercises: [{ name: 'Deadlift', sets: [{ reps: 5, kg: 140 }, { reps: 5, kg: 140, rpe: 9 }] }] });
    await pollUntil(async () => (await loadOn(day)) === 480, { what: 'the logged session in the metrics' });
  });

  it('should tag sessions from the exercise catalogue, report unknown names, and learn from an admin edit', async () => {
    const day = addDays(yesterday(), -5);
    const log = (externalId: string, name: string) =>
      api()
        .post(`/api/athletes/${team.athlete.id}/sessions`)
        .set(auth())
        .send({ externalId, startTime: `${day}T18:00:00Z`, durationS: 2400, rpe: 6, exercises: [{ name, sets: [{ reps: 8, kg: 60 }] }, { name: 'Plank', sets: [{ reps: 1 }] }] })
        .expect(202);
    const tagsOf = async (externalId: string) => (await t.dataSource.query(`SELECT tags FROM sessions WHERE external_id = $1`, [externalId]))[0].tags as string[];
    await log('rdl-day', 'RDL');
    expect(await tagsOf('rdl-day')).toEqual(expect.arrayContaining(['spinal-loading', 'core']));

    await log('mystery-day', 'Jefferson curl');
    expect(await tagsOf('mystery-day')).not.toContain('spinal-loading');
    const unknown = await api().get('/api/exercises/unknown-names').set(auth()).expect(200);
    expect(JSON.stringify(unknown.body)).toContain('Jefferson curl');

    await api().post('/api/exercises').set(auth()).send({ name: 'Jefferson curl', spinalLoading: true, notes: 'loaded spinal flexion' }).expect(201);
    await api().post('/api/exercises').set(auth()).send({ name: 'jefferson CURL', core: true }).expect(409);
    await log('mystery-day-2', 'Jefferson curl');
    expect(await tagsOf('mystery-day-2')).toContain('spinal-loading');
  });

  it("should take the athlete's RPE after the fact, and keep it when the tracker sends the session again", async () => {
    const day = addDays(yesterday(), -2);
    const upsert = (rpe?: number) => {
      const body = JSON.stringify({ type: 'session.upserted', data: { athleteId: team.athlete.id, externalId: 'ride-1', startTime: `${day}T08:00:00Z`, durationS: 5400, rpe, sport: 'ride', updatedAt: new Date().toISOString() } });
      return api().post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);
    };
    await upsert();
    // No RPE and no HR: estimated at RPE 4 × 90 min.
    await pollUntil(async () => (await loadOn(day)) === 360, { what: 'the estimated load' });
    const [session] = await t.dataSource.query(`SELECT id, load_method FROM sessions WHERE external_id = 'ride-1'`);
    expect(session.load_method).toBe('estimated');

    await api().post(`/api/athletes/${team.athlete.id}/sessions/${session.id}/rpe`).set(auth()).send({ rpe: 7 }).expect(202);
    await pollUntil(async () => (await loadOn(day)) === 630, { what: 'the rated load' });

    await upsert(3); // the tracker's own (lower) RPE arrives later: the athlete's rating still wins
    await pollUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM raw_events WHERE status = 'processed'`))[0].n === 2, { what: 'the update' });
    const [after] = await t.dataSource.query(`SELECT rpe, athlete_rpe, load, load_method FROM sessions WHERE id = $1`, [session.id]);
    expect(after).toEqual({ rpe: 3, athlete_rpe: 7, load: 630, load_method: 'srpe' });

    await api().post(`/api/athletes/${team.athlete.id}/sessions/${session.id}/rpe`).set(auth()).send({ rpe: 12 }).expect(422);
    await api().post(`/api/athletes/${team.athlete.id}/sessions/00000000-0000-4000-8000-000000000000/rpe`).set(auth()).send({ rpe: 5 }).expect(404);
  });

  it('should move sessions to their new local day when the athlete changes time zone', async () => {
    const other = await seedTeam(t, { timezone: 'UTC' });
    const day = yesterday();
    const body = JSON.stringify({ type: 'session.upserted', data: { athleteId: other.athlete.id, externalId: 'late-run', startTime: `${day}T23:30:00Z`, durationS: 1800, rpe: 5 } });
    await api().post('/webhooks/standard').set(standardWebhookHeaders(other.secret, body)).send(body).expect(202);
    const localDay = async () => (await t.dataSource.query(`SELECT local_date::text FROM sessions WHERE external_id = 'late-run'`))[0]?.local_date as string | undefined;
    await pollUntil(async () => (await localDay()) === day, { what: 'the session' });
    await api().patch(`/api/athletes/${other.athlete.id}`).set(auth()).send({ timezone: 'Asia/Tokyo' }).expect(200);
    expect(await localDay()).toBe(addDays(day, 1));
  });
});
