import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { FakeWithings, FakeWithingsWorkout } from '../../fakes/withings.fake';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

const PATH_TOKEN = 'withings-path-token-0123456789abcdef';

describe('Withings (form notification → re-fetch of the window → sessions, recovery, metrics), against a fake Withings on 127.0.0.1', () => {
  const withings = new FakeWithings();
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  const epoch = (day: string, hhmm: string) => Date.parse(`${day}T${hhmm}:00Z`) / 1000;
  // Morning UTC times: the same calendar day in Europe/Berlin (+01:00 or +02:00).
  const workout = (id: number, day: string, over: Partial<FakeWithingsWorkout> = {}): FakeWithingsWorkout => ({
    id,
    category: 2,
    timezone: 'Europe/Berlin',
    startdate: epoch(day, '07:00'),
    enddate: epoch(day, '07:50'),
    date: day,
    modified: epoch(day, '08:00'),
    data: { calories: 610, distance: 9800, elevation: 12, hr_average: 152, hr_min: 96, hr_max: 176, intensity: 50 },
    ...over,
  });
  const notify = (fields: Record<string, string | number>, token = PATH_TOKEN) =>
    api()
      .post(`/webhooks/withings/${token}`)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send(new URLSearchParams(Object.entries({ userid: withings.userId, ...fields }).map(([k, v]): [string, string] => [k, String(v)])).toString());
  const notifyWorkout = (w: FakeWithingsWorkout) => notify({ appli: 16, startdate: w.startdate, enddate: w.enddate });
  const session = (externalId: string) =>
    t.dataSource
      .query(`SELECT sport, duration_s, distance_m, avg_hr, max_hr, deleted, load, local_date::text FROM sessions WHERE provider = 'withings' AND external_id = $1`, [externalId])
      .then((r) => r[0]);
  const recovery = (date: string) =>
    t.dataSource.query(`SELECT resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE athlete_id = $1 AND source = 'withings' AND date = $2`, [team.athlete.id, date]).then((r) => r[0]);
  const rawEvents = (eventType: string, status = 'processed') => count(`raw_events WHERE source = 'withings' AND event_type = $1 AND status = $2`, [eventType, status]);
  const metricsCatchUp = (day: string) =>
    pollUntil(
      async () => {
        const [{ sum }] = await t.dataSource.query(`SELECT coalesce(sum(load), 0)::float AS sum FROM sessions WHERE athlete_id = $1 AND local_date = $2 AND NOT deleted`, [team.athlete.id, day]);
        const res = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${day}&to=${day}`).set(auth()).expect(200);
        const load = res.body.days[0]?.load ?? 0;
        return Math.abs(load - sum) < 1e-6 ? { load, sum } : null;
      },
      { what: `the metrics of ${day} to include the Withings sessions` },
    );

  beforeAll(async () => {
    await withings.start();
    withings.pageSize = 2; // the backfill has to follow more/offset
    for (const [i, daysAgo] of [30, 12, 6, 1].entries()) withings.workouts.set(500 + i, workout(500 + i, addDays(today(), -daysAgo)));
    const night = addDays(today(), -2);
    withings.sleeps.set(1, { id: 1, date: night, startdate: epoch(addDays(night, -1), '22:10'), enddate: epoch(night, '05:40'), data: { total_sleep_time: 24000, hr_min: 48, hr_average: 55 } });
    t = await startTestApp({}, { env: { ...withings.env(), WITHINGS_PATH_TOKEN: PATH_TOKEN } });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
    await withings.stop();
  });

  it('should connect through OAuth (action=requesttoken, user id from the token answer) and backfill 90 days', async () => {
    const start = await api().post(`/api/athletes/${team.athlete.id}/connections/withings`).set(auth()).send({}).expect(201);
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${withings.server.url}/oauth2_user/authorize2`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: withings.clientId, response_type: 'code', scope: 'user.info,user.metrics,user.activity' });
    expect(url.searchParams.has('code_challenge')).toBe(false);

    const done = await api().get(`/oauth/withings/callback?code=good-code&state=${url.searchParams.get('state')}`).expect(200);
    connectionId = done.body.connectionId;
    const exchange = withings.tokenRequests.find((r) => r.form.grant_type === 'authorization_code');
    expect(exchange?.form).toMatchObject({ action: 'requesttoken', client_id: withings.clientId, client_secret: withings.clientSecret, code: 'good-code' });
    // Withings sends nothing until our URL is subscribed for the user's activity (16) and sleep (44) data.
    expect(withings.subscriptions).toEqual([
      { callbackurl: `${t.config.publicUrl}/webhooks/withings/${PATH_TOKEN}`, appli: 16 },
      { callbackurl: `${t.config.publicUrl}/webhooks/withings/${PATH_TOKEN}`, appli: 44 },
    ]);
    const [row] = await t.dataSource.query(`SELECT provider_user_id FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row.provider_user_id).toBe('12345');

    const list = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'done' ? res.body : null;
      },
      { what: 'the Withings backfill to finish' },
    );
    expect(list[0]).toMatchObject({ provider: 'withings', status: 'active', backfill: { status: 'done', sessions: 4, recoveryDays: 1, pages: 3 } });
    expect(withings.dataCalls('getworkouts').map((r) => r.query.get('offset'))).toEqual([null, '2']);
    expect(await session('500')).toMatchObject({ sport: 'run', duration_s: 3000, distance_m: 9800, avg_hr: 152, max_hr: 176, deleted: false, local_date: addDays(today(), -30) });
    expect(await recovery(addDays(today(), -2))).toEqual({ resting_hr: 48, hrv_rmssd: null, sleep_s: 24000 });
  });

  it('should answer the HEAD check (and a GET) with 200 on the right path token only', async () => {
    await api().head(`/webhooks/withings/${PATH_TOKEN}`).expect(200);
    await api().get(`/webhooks/withings/${PATH_TOKEN}`).expect(200);
    await api().head('/webhooks/withings/not-the-path-token-xxxxxxxxxxxx').expect(401);
    await api().head('/webhooks/withings').expect(401);
  });

  it('should re-fetch an activity notification’s window and land the session and the day’s metrics', async () => {
    const w = workout(7001, today(), { category: 308, data: { calories: 420, hr_average: 139, hr_max: 171 } });
    withings.workouts.set(w.id, w);
    const res = await notifyWorkout(w).expect(200);
    expect(res.body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    await pollUntil(async () => (await session('7001')) ?? null, { what: 'the notified workout' });
    expect(await session('7001')).toMatchObject({ sport: 'indoor_ride', duration_s: 3000, distance_m: null, avg_hr: 139, max_hr: 171, deleted: false, local_date: today() });
    const metrics = await metricsCatchUp(today());
    expect(metrics.load).toBeGreaterThan(0);
    // Yesterday was in the replaced window; its workout is still on Withings and stays.
    expect((await session('503')).deleted).toBe(false);
  });

  it('should turn a sleep notification into the wake-up day’s recovery row', async () => {
    withings.sleeps.set(2, { id: 2, date: today(), startdate: epoch(addDays(today(), -1), '22:30'), enddate: epoch(today(), '05:50'), data: { total_sleep_time: 23100, hr_min: 47 } });
    withings.sleeps.set(3, { id: 3, date: today(), startdate: epoch(today(), '12:30'), enddate: epoch(today(), '13:00'), data: { deepsleepduration: 300, lightsleepduration: 1200 } });
    await notify({ appli: 44, startdate: epoch(addDays(today(), -1), '22:30'), enddate: epoch(today(), '05:50') }).expect(200);
    await pollUntil(async () => (await recovery(today())) ?? null, { what: "today's recovery row" });
    expect(await recovery(today())).toEqual({ resting_hr: 47, hrv_rmssd: null, sleep_s: 24600 });
  });

  it('should store one session however often the same notification arrives', async () => {
    const w = withings.workouts.get(7001)!;
    const processedBefore = await rawEvents('activity');
    await notifyWorkout(w).expect(200);
    await notifyWorkout(w).expect(200);
    await pollUntil(async () => (await rawEvents('activity')) === processedBefore + 2, { what: 'both deliveries to be processed' });
    expect(await count(`sessions WHERE provider = 'withings' AND external_id = '7001'`)).toBe(1);
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'withings'`, [team.athlete.id])).toBe(5);
  });

  it('should refuse a wrong path token (401) and bad forms (422), ignore other categories and unknown users, and store nothing', async () => {
    const before = await count('raw_events');
    const w = withings.workouts.get(7001)!;
    await notify({ appli: 16, startdate: w.startdate, enddate: w.enddate }, 'not-the-path-token-xxxxxxxxxxxx').expect(401);
    await api().post('/webhooks/withings').set('content-type', 'application/x-www-form-urlencoded').send(`userid=${withings.userId}&appli=16&startdate=${w.startdate}&enddate=${w.enddate}`).expect(401);
    const missing = await notify({ appli: 16, enddate: w.enddate }).expect(422);
    expect(missing.body).toMatchObject({ statusCode: 422, message: 'startdate must be epoch seconds' });
    await notify({ appli: 16, startdate: 'yesterday', enddate: w.enddate }).expect(422);
    await api().post(`/webhooks/withings/${PATH_TOKEN}`).set('content-type', 'application/json').send(JSON.stringify({ userid: withings.userId, appli: 16 })).expect(422);
    const weight = await notify({ appli: 1, startdate: w.startdate, enddate: w.startdate }).expect(200);
    expect(weight.body).toEqual({ accepted: 0, duplicate: 0, ignored: 0 });
    const stranger = await notify({ userid: 999, appli: 16, startdate: w.startdate, enddate: w.enddate }).expect(200);
    expect(stranger.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
    expect(await count('raw_events')).toBe(before);
  });

  it('should apply an edit and delete what Withings no longer lists in the notified window', async () => {
    const w = withings.workouts.get(7001)!;
    withings.workouts.set(7001, { ...w, category: 1, data: { hr_average: 101 } });
    const second = workout(7002, today(), { startdate: epoch(today(), '10:00'), enddate: epoch(today(), '10:40'), category: 16, data: { calories: 250 } });
    withings.workouts.set(7002, second);
    await notifyWorkout(w).expect(200);
    await notifyWorkout(second).expect(200);
    await pollUntil(async () => (await session('7001'))?.sport === 'walk' && (await session('7002')), { what: 'the edit and the new workout' });
    expect(await session('7001')).toMatchObject({ avg_hr: 101, max_hr: null });
    expect(await session('7002')).toMatchObject({ sport: 'strength', avg_hr: null });

    withings.workouts.delete(7001);
    await notifyWorkout(w).expect(200);
    await pollUntil(async () => (await session('7001')).deleted === true, { what: 'the deleted workout to be marked deleted' });
    expect((await session('7002')).deleted).toBe(false);
    expect((await session('503')).deleted).toBe(false);
    const metrics = await metricsCatchUp(today());
    expect(metrics.load).toBeCloseTo((await session('7002')).load, 6);
  });

  it('should refresh and retry when the API answers HTTP 401, rotating the stored tokens', async () => {
    const [before] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    const grantsBefore = withings.refreshGrants().length;
    withings.unauthorizedAs = 'http';
    withings.expireAccessTokens();
    const w = workout(7003, today(), { startdate: epoch(today(), '11:00'), enddate: epoch(today(), '11:30'), category: 7, data: { distance: 1500 } });
    withings.workouts.set(w.id, w);
    await notifyWorkout(w).expect(200);
    await pollUntil(async () => (await session('7003')) ?? null, { what: 'the workout after a refresh' });
    expect(await session('7003')).toMatchObject({ sport: 'swim', distance_m: 1500 });
    const [after] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(after.access_token_sealed).not.toBe(before.access_token_sealed);
    expect(after.refresh_token_sealed).not.toBe(before.refresh_token_sealed);
    expect(withings.refreshGrants().slice(grantsBefore)).toEqual([expect.objectContaining({ client_id: withings.clientId, client_secret: withings.clientSecret })]);
    withings.unauthorizedAs = 'body';
  });

  it('should retry (not reject) an event whose fetch Withings refuses inside an HTTP 200 (status 401)', async () => {
    const w = workout(7004, today(), { startdate: epoch(today(), '12:00'), enddate: epoch(today(), '12:20'), data: { distance: 3000 } });
    withings.workouts.set(w.id, w);
    const callsBefore = withings.dataCalls('getworkouts').length;
    withings.refuseNextCalls(1);
    await notifyWorkout(w).expect(200);
    await pollUntil(async () => (await session('7004')) ?? null, { what: 'the workout after the retry' });
    // The refused first page, then the whole listing again on the retry (first page + the pages after it).
    const firstPages = withings.dataCalls('getworkouts').slice(callsBefore).filter((r) => !r.query.has('offset'));
    expect(firstPages).toHaveLength(2);
    expect(await rawEvents('activity', 'failed')).toBe(0);
  });

  it('should revoke the connection only once the API confirms an unlink, keeping the data', async () => {
    await notify({ appli: 46, action: 'unlink' }).expect(200);
    await pollUntil(async () => (await rawEvents('user.unlink')) === 1, { what: 'the unconfirmed unlink' });
    expect((await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status).toBe('active');

    withings.revokeAccess();
    await notify({ appli: 46, action: 'unlink' }).expect(200);
    await pollUntil(async () => (await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status === 'revoked', {
      what: 'the confirmed unlink',
    });
    const [row] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row).toEqual({ access_token_sealed: null, refresh_token_sealed: null });
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'withings' AND NOT deleted`, [team.athlete.id])).toBeGreaterThan(0);
  });
});
