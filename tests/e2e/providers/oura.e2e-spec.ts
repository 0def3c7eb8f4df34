import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { FakeOura, FakeOuraSleep, FakeOuraWorkout } from '../../fakes/oura.fake';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

describe('Oura API v2 (webhook → fetch-back → metrics), against a fake Oura on 127.0.0.1', () => {
  const oura = new FakeOura();
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;
  let tick = 0;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  const daysAgo = (n: number) => addDays(today(), -n);
  /** Every notification gets a later event_time, as Oura's would. */
  const notification = (dataType: string, objectId: string, eventType = 'create', userId = oura.userId) => ({
    event_type: eventType,
    data_type: dataType,
    object_id: objectId,
    event_time: new Date(Date.now() + tick++ * 1000).toISOString(),
    user_id: userId,
  });
  /** A signed delivery stamped `sentAt` (now by default); `signature` overrides the computed one. */
  const deliver = (body: Record<string, unknown>, options: { sentAt?: Date; signature?: string } = {}) => {
    const raw = JSON.stringify(body);
    const timestamp = (options.sentAt ?? new Date()).toISOString();
    return api()
      .post('/webhooks/oura')
      .set('content-type', 'application/json')
      .set('x-oura-timestamp', timestamp)
      .set('x-oura-signature', options.signature ?? oura.sign(timestamp, raw))
      .send(raw);
  };
  const session = (externalId: string) =>
    t.dataSource
      .query(`SELECT sport, rpe, avg_hr, duration_s, distance_m, local_date::text, load, deleted FROM sessions WHERE provider = 'oura' AND external_id = $1`, [externalId])
      .then((r) => r[0]);
  const recovery = (date: string) =>
    t.dataSource.query(`SELECT resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE source = 'oura' AND athlete_id = $1 AND date = $2`, [team.athlete.id, date]).then((r) => r[0]);
  const dayLoad = async (day: string) => {
    const res = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${day}&to=${day}`).set(auth()).expect(200);
    return res.body.days[0]?.load ?? 0;
  };
  const workout = (id: string, day: string, patch: Partial<FakeOuraWorkout> = {}): FakeOuraWorkout => ({
    id,
    activity: 'running',
    calories: 420,
    day,
    distance: 8000,
    start_datetime: `${day}T07:00:00+01:00`,
    end_datetime: `${day}T07:45:00+01:00`,
    intensity: 'moderate',
    source: 'confirmed',
    ...patch,
  });
  const sleep = (id: string, day: string, patch: Partial<FakeOuraSleep> = {}): FakeOuraSleep => ({
    id,
    day,
    type: 'long_sleep',
    bedtime_start: `${addDays(day, -1)}T23:00:00+01:00`,
    bedtime_end: `${day}T07:00:00+01:00`,
    total_sleep_duration: 26_000,
    lowest_heart_rate: 46,
    average_hrv: 58,
    ...patch,
  });

  beforeAll(async () => {
    await oura.start();
    for (const back of [2, 5, 9, 20, 60]) oura.workouts.set(`w-${back}`, workout(`w-${back}`, daysAgo(back)));
    // Outside the 90-day backfill window.
    oura.workouts.set('w-100', workout('w-100', daysAgo(100)));
    for (const back of [1, 2, 3]) oura.sleeps.set(`s-${back}`, sleep(`s-${back}`, daysAgo(back), { lowest_heart_rate: 44 + back }));
    oura.sleeps.set('nap-2', sleep('nap-2', daysAgo(2), { type: 'late_nap', total_sleep_duration: 1800, lowest_heart_rate: 55, average_hrv: 30 }));
    t = await startTestApp({}, { env: oura.env() });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
    await oura.stop();
  });

  it('should connect through OAuth, take the user id from personal_info and backfill 90 days page by page', async () => {
    const start = await api().post(`/api/athletes/${team.athlete.id}/connections/oura`).set(auth()).send({}).expect(201);
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${oura.server.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: oura.clientId, response_type: 'code', scope: 'personal daily workout' });
    const done = await api().get(`/oauth/oura/callback?code=good-code&state=${url.searchParams.get('state')}`).expect(200);
    connectionId = done.body.connectionId;
    const [row] = await t.dataSource.query(`SELECT provider_user_id, access_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row.provider_user_id).toBe(oura.userId);
    expect(row.access_token_sealed).toMatch(/^v1\./);

    const list = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'done' ? res.body : null;
      },
      { what: 'the backfill to finish' },
    );
    // 5 workouts in pages of 2 (3 pages) + one page of recovery days.
    expect(list[0]).toMatchObject({ provider: 'oura', status: 'active', backfill: { status: 'done', sessions: 5, recoveryDays: 3, pages: 4 } });
    expect(await session('w-100')).toBeUndefined();
    expect(await session('w-2')).toMatchObject({ sport: 'run', duration_s: 2700, distance_m: 8000, avg_hr: null, rpe: null, local_date: daysAgo(2) });
    // The night, not the nap, is day −2's recovery.
    expect(await recovery(daysAgo(2))).toEqual({ resting_hr: 46, hrv_rmssd: 58, sleep_s: 26000 });
    const workoutPages = oura.server.requestsTo('GET', '/v2/usercollection/workout').filter((r) => r.path === '/v2/usercollection/workout');
    expect(workoutPages.map((r) => r.query.get('next_token'))).toEqual([null, '2', '4']);
    expect(workoutPages[0].query.get('start_date')).toBe(daysAgo(90));
  });

  it('should echo the subscription challenge only with the right verification token', async () => {
    const ok = await api().get(`/webhooks/oura?verification_token=${oura.verifyToken}&challenge=ch-77`).expect(200);
    expect(ok.body).toEqual({ challenge: 'ch-77' });
    await api().get('/webhooks/oura?verification_token=wrong&challenge=ch-77').expect(403);
  });

  it('should fetch a created workout once, however often it is delivered, and count its load', async () => {
    oura.workouts.set('w-new', workout('w-new', today(), { activity: 'cycling', distance: 25_000, end_datetime: `${today()}T08:00:00+01:00` }));
    const event = notification('workout', 'w-new');
    expect((await deliver(event).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    expect((await deliver(event).expect(200)).body).toEqual({ accepted: 0, duplicate: 1, ignored: 0 });
    const stored = await pollUntil(async () => (await session('w-new')) ?? null, { what: 'the session' });
    expect(stored).toMatchObject({ sport: 'ride', duration_s: 3600, distance_m: 25000, avg_hr: null, deleted: false });
    expect(oura.server.requestsTo('GET', '/v2/usercollection/workout/w-new')).toHaveLength(1);
    await pollUntil(async () => Math.abs((await dayLoad(stored.local_date)) - Number(stored.load)) < 1e-6 && Number(stored.load) > 0, { what: "today's load" });
  });

  it('should store nothing for a wrong signature or a stale timestamp, and ignore users it does not know', async () => {
    const before = await count('raw_events');
    oura.workouts.set('w-forged', workout('w-forged', today()));
    const event = notification('workout', 'w-forged');
    await deliver(event, { signature: 'A'.repeat(64) }).expect(401);
    const stale = await deliver(event, { sentAt: new Date(Date.now() - 10 * 60_000) }).expect(401);
    expect(stale.body.error).toBe('TIMESTAMP_OUT_OF_TOLERANCE');
    await deliver(event, { sentAt: new Date(Date.now() + 10 * 60_000) }).expect(401);
    await api().post('/webhooks/oura').set('content-type', 'application/json').send(JSON.stringify(event)).expect(401);
    const invalid = await deliver({ ...event, event_type: 'upsert' }).expect(422);
    expect(invalid.body.message).toMatch(/event_type/);
    const stranger = await deliver(notification('workout', 'w-forged', 'create', 'someone-else')).expect(200);
    expect(stranger.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
    expect(await count('raw_events')).toBe(before);
    expect(oura.server.requestsTo('GET', '/v2/usercollection/workout/w-forged')).toHaveLength(0);
  });

  it('should apply an update (re-fetched) and only a delete the API confirms', async () => {
    oura.workouts.set('w-new', { ...oura.workouts.get('w-new')!, activity: 'running', distance: 12_000 });
    await deliver(notification('workout', 'w-new', 'update')).expect(200);
    await pollUntil(async () => (await session('w-new'))?.sport === 'run', { what: 'the update' });
    expect((await session('w-new')).distance_m).toBe(12000);

    // A delete while the workout is still there (out of order or forged): nothing is deleted.
    await deliver(notification('workout', 'w-new', 'delete')).expect(200);
    await pollUntil(async () => (await count(`raw_events WHERE source = 'oura' AND event_type = 'workout.delete' AND status = 'processed'`)) === 1, { what: 'the unconfirmed delete' });
    expect((await session('w-new')).deleted).toBe(false);

    oura.workouts.delete('w-new');
    await deliver(notification('workout', 'w-new', 'delete')).expect(200);
    await pollUntil(async () => (await session('w-new')).deleted === true, { what: 'the confirmed delete' });
    await pollUntil(async () => (await dayLoad(today())) === 0, { what: "today's load to drop to 0" });
  });

  it('should turn sleep and readiness notifications into the day’s recovery, a later nap never replacing the night', async () => {
    const day = today();
    oura.sleeps.set('s-today', sleep('s-today', day, { lowest_heart_rate: 43, average_hrv: 66.5, total_sleep_duration: 27_300 }));
    await deliver(notification('sleep', 's-today')).expect(200);
    await pollUntil(async () => (await recovery(day)) ?? null, { what: 'the recovery day' });
    expect(await recovery(day)).toEqual({ resting_hr: 43, hrv_rmssd: 66.5, sleep_s: 27300 });

    oura.sleeps.set('nap-today', sleep('nap-today', day, { type: 'late_nap', lowest_heart_rate: 58, average_hrv: 31, total_sleep_duration: 1500 }));
    await deliver(notification('sleep', 'nap-today')).expect(200);
    await pollUntil(async () => (await count(`raw_events WHERE source = 'oura' AND event_type LIKE 'sleep.%' AND status = 'processed'`)) === 2, { what: 'the nap' });
    expect(await recovery(day)).toEqual({ resting_hr: 43, hrv_rmssd: 66.5, sleep_s: 27300 });
    // The night was edited on the ring's side; the readiness score of the day arrives afterwards.
    oura.sleeps.set('s-today', { ...oura.sleeps.get('s-today')!, lowest_heart_rate: 42 });
    oura.readiness.set('rd-today', { id: 'rd-today', day, score: 84 });
    await deliver(notification('daily_readiness', 'rd-today')).expect(200);
    await pollUntil(async () => (await recovery(day))?.resting_hr === 42, { what: 'the readiness re-read' });
    expect(await recovery(day)).toEqual({ resting_hr: 42, hrv_rmssd: 66.5, sleep_s: 27300 });
  });

  it('should refresh an access token the API refuses, retry the fetch and rotate the stored tokens', async () => {
    const [before] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    oura.expireAccessTokens();
    oura.workouts.set('w-401', workout('w-401', today(), { activity: 'strength_training', start_datetime: `${today()}T17:00:00+01:00`, end_datetime: `${today()}T17:50:00+01:00` }));
    await deliver(notification('workout', 'w-401')).expect(200);
    await pollUntil(async () => (await session('w-401')) ?? null, { what: 'the session after a refresh' });
    expect((await session('w-401')).sport).toBe('strength');
    const [after] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(after.access_token_sealed).not.toBe(before.access_token_sealed);
    expect(after.refresh_token_sealed).not.toBe(before.refresh_token_sealed);
    const refreshes = oura.server.requestsTo('POST', '/oauth/token').filter((r) => new URLSearchParams(r.body.toString()).get('grant_type') === 'refresh_token');
    expect(refreshes).toHaveLength(1);
  });

  it('should wait out a short Retry-After during a fetch', async () => {
    oura.workouts.set('w-429', workout('w-429', today(), { start_datetime: `${today()}T19:00:00+01:00`, end_datetime: `${today()}T19:30:00+01:00` }));
    oura.rateLimitNext('1');
    await deliver(notification('workout', 'w-429')).expect(200);
    await pollUntil(async () => (await session('w-429')) ?? null, { what: 'the session after a short 429' });
    expect(oura.server.requestsTo('GET', '/v2/usercollection/workout/w-429')).toHaveLength(2);
  });
});
