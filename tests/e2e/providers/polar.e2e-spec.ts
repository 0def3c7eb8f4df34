import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { FakePolar, FakePolarExercise } from '../../fakes/polar.fake';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

describe('Polar AccessLink (webhook → fetch-back → metrics), against a fake AccessLink on 127.0.0.1', () => {
  const polar = new FakePolar();
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;
  let sent = 0;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  const daysAgo = (n: number) => addDays(today(), -n);
  const isoDaysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  /** A signed delivery; `signature: null` sends none. */
  const deliver = (body: Record<string, unknown>, signature?: string | null) => {
    const raw = JSON.stringify(body);
    const req = api().post('/webhooks/polar').set('content-type', 'application/json');
    if (signature !== null) req.set('polar-webhook-signature', signature ?? polar.sign(raw));
    return req.send(raw);
  };
  const exerciseEvent = (id: string, userId = polar.userId) => ({
    event: 'EXERCISE',
    user_id: userId,
    entity_id: id,
    timestamp: new Date(Date.now() + sent++ * 1000).toISOString(),
    url: polar.url(`exercises/${id}`),
  });
  const sleepEvent = (date: string) => ({ event: 'SLEEP', user_id: polar.userId, date, timestamp: new Date(Date.now() + sent++ * 1000).toISOString(), url: polar.url(`users/sleep/${date}`) });
  const session = (externalId: string) =>
    t.dataSource
      .query(`SELECT sport, rpe, avg_hr, max_hr, duration_s, distance_m, local_date::text, load, deleted FROM sessions WHERE provider = 'polar' AND external_id = $1`, [externalId])
      .then((r) => r[0]);
  const recovery = (date: string) =>
    t.dataSource.query(`SELECT resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE source = 'polar' AND athlete_id = $1 AND date = $2`, [team.athlete.id, date]).then((r) => r[0]);
  const exercise = (id: string, daysBack: number, patch: Partial<FakePolarExercise> = {}): FakePolarExercise => ({
    id,
    upload_time: isoDaysAgo(daysBack),
    start_time: `${daysAgo(daysBack)}T07:00:00`,
    start_time_utc_offset: 60,
    duration: 'PT1H0M0S',
    sport: 'RUNNING',
    detailed_sport_info: 'RUNNING',
    distance: 10_000,
    heart_rate: { average: 150, maximum: 176 },
    heart_rate_zones: [{ index: 3, 'lower-limit': 137, 'upper-limit': 156, 'in-zone': 'PT40M' }],
    training_load_pro: { 'cardio-load': 90, 'user-rpe': 'RPE_HARD' },
    ...patch,
  });
  const connect = async (athleteId: string) => {
    const start = await api().post(`/api/athletes/${athleteId}/connections/polar`).set(auth()).send({}).expect(201);
    const state = new URL(start.body.authorizeUrl).searchParams.get('state');
    return api().get(`/oauth/polar/callback?code=good-code&state=${state}`).expect(200);
  };
  const backfillDone = (athleteId: string, after = '') =>
    pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${athleteId}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'done' && String(res.body[0]?.backfill.finishedAt) > after ? res.body[0] : null;
      },
      { what: 'the backfill to finish' },
    );

  beforeAll(async () => {
    await polar.start();
    for (const [id, back] of [['ex-a', 3], ['ex-b', 6], ['ex-c', 12]] as const) polar.exercises.set(id, exercise(id, back));
    // Uploaded 40 days ago: AccessLink no longer lists it (30-day window).
    polar.exercises.set('ex-old', exercise('ex-old', 40));
    for (const back of [1, 2]) {
      const date = daysAgo(back);
      polar.sleeps.set(date, { date, sleep_start_time: `${daysAgo(back + 1)}T23:00:00+01:00`, sleep_end_time: `${date}T07:00:00+01:00`, light_sleep: 15000, deep_sleep: 5000, rem_sleep: 6000 });
      polar.recharges.set(date, { date, heart_rate_avg: 51.4, heart_rate_variability_avg: 62, nightly_recharge_status: 4, ans_charge: 2.5 });
    }
    t = await startTestApp({}, { env: polar.env() });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
    await polar.stop();
  });

  it('should connect through OAuth (Basic client auth), register the user with AccessLink and backfill what AccessLink still lists', async () => {
    const start = await api().post(`/api/athletes/${team.athlete.id}/connections/polar`).set(auth()).send({}).expect(201);
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${polar.server.url}/oauth2/authorization`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: polar.clientId, response_type: 'code', scope: 'accesslink.read_all' });
    const done = await api().get(`/oauth/polar/callback?code=good-code&state=${url.searchParams.get('state')}`).expect(200);
    connectionId = done.body.connectionId;

    const [row] = await t.dataSource.query(`SELECT provider_user_id, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row).toEqual({ provider_user_id: String(polar.userId), refresh_token_sealed: null });
    expect(polar.registered.has(polar.userId)).toBe(true);
    const [registration] = polar.server.requestsTo('POST', '/v3/users');
    expect(registration.headers.authorization).toMatch(/^Bearer pat-/);
    expect(JSON.parse(registration.body.toString())).toEqual({ 'member-id': `loadwatch-${polar.userId}` });

    const connection = await backfillDone(team.athlete.id);
    expect(connection).toMatchObject({ provider: 'polar', status: 'active', backfill: { status: 'done', sessions: 3, recoveryDays: 2, pages: 2 } });
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'polar'`, [team.athlete.id])).toBe(3);
    expect(await session('ex-old')).toBeUndefined();
    expect(await session('ex-a')).toMatchObject({ sport: 'run', avg_hr: 150, max_hr: 176, duration_s: 3600, distance_m: 10000, rpe: null, local_date: daysAgo(3) });
    expect(await recovery(daysAgo(1))).toEqual({ resting_hr: 51, hrv_rmssd: 62, sleep_s: 26000 });
  });

  it('should answer the PING of webhook creation with 200 whatever its signature, and store nothing', async () => {
    const before = await count('raw_events');
    const ping = { event: 'PING', timestamp: '2026-03-01T14:22:24Z' };
    await deliver(ping, null).expect(200);
    await deliver(ping, 'deadbeef').expect(200);
    await deliver(ping).expect(200);
    expect(await count('raw_events')).toBe(before);
  });

  it('should fetch a notified exercise (with zones) once, however often it is delivered, and count its load', async () => {
    polar.exercises.set('ex-new', exercise('ex-new', 0, { sport: 'OTHER', detailed_sport_info: 'STRENGTH_TRAINING', distance: undefined, duration: 'PT45M' }));
    const event = exerciseEvent('ex-new');
    expect((await deliver(event).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    // Polar's retry of the same exercise, even with a new send time, is the same exercise.
    expect((await deliver({ ...event, timestamp: new Date().toISOString() }).expect(200)).body).toEqual({ accepted: 0, duplicate: 1, ignored: 0 });
    const stored = await pollUntil(async () => (await session('ex-new')) ?? null, { what: 'the session' });
    expect(stored).toMatchObject({ sport: 'strength', duration_s: 2700, avg_hr: 150, distance_m: null, rpe: null, deleted: false });
    const fetches = polar.server.requestsTo('GET', '/v3/exercises/ex-new');
    expect(fetches).toHaveLength(1);
    expect(fetches[0].query.get('zones')).toBe('true');

    const day = stored.local_date as string;
    const [{ total }] = await t.dataSource.query(`SELECT sum(load)::float AS total FROM sessions WHERE athlete_id = $1 AND local_date = $2 AND NOT deleted`, [team.athlete.id, day]);
    expect(total).toBeGreaterThan(0);
    await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${day}&to=${day}`).set(auth()).expect(200);
        return Math.abs((res.body.days[0]?.load ?? 0) - total) < 1e-6;
      },
      { what: "the day's load to include the exercise" },
    );
  });

  it('should store nothing for a wrong or missing signature or a malformed body, and ignore users it does not know', async () => {
    const before = await count('raw_events');
    polar.exercises.set('ex-forged', exercise('ex-forged', 0));
    await deliver(exerciseEvent('ex-forged'), 'f'.repeat(64)).expect(401);
    await deliver(exerciseEvent('ex-forged'), null).expect(401);
    const bad = '{"event":"EXERCISE",';
    await api().post('/webhooks/polar').set('content-type', 'application/json').set('polar-webhook-signature', polar.sign(bad)).send(bad).expect(400);
    const res = await deliver({ event: 'EXERCISE', entity_id: 'ex-forged' }).expect(422);
    expect(res.body.message).toMatch(/user_id/);
    const stranger = await deliver(exerciseEvent('ex-forged', 999)).expect(200);
    expect(stranger.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
    expect(await count('raw_events')).toBe(before);
    expect(polar.server.requestsTo('GET', '/v3/exercises/ex-forged')).toHaveLength(0);
  });

  it('should turn a SLEEP notification into the night’s recovery, and take a re-sent night with new data', async () => {
    const date = today();
    polar.sleeps.set(date, { date, sleep_start_time: `${daysAgo(1)}T23:30:00+01:00`, sleep_end_time: `${date}T06:30:00+01:00`, light_sleep: 12000, deep_sleep: 4000, rem_sleep: 5000 });
    polar.recharges.set(date, { date, heart_rate_avg: 48.6, heart_rate_variability_avg: 71.5 });
    const first = sleepEvent(date);
    await deliver(first).expect(200);
    await pollUntil(async () => (await recovery(date)) ?? null, { what: 'the recovery day' });
    expect(await recovery(date)).toEqual({ resting_hr: 49, hrv_rmssd: 71.5, sleep_s: 21000 });
    expect((await deliver(first).expect(200)).body).toEqual({ accepted: 0, duplicate: 1, ignored: 0 });

    // The athlete synced again: Polar re-sends the date, the night now has more sleep.
    polar.sleeps.set(date, { ...polar.sleeps.get(date)!, light_sleep: 14000 });
    expect((await deliver(sleepEvent(date)).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    await pollUntil(async () => (await recovery(date))?.sleep_s === 23000, { what: 'the re-sent night' });
    expect((await recovery(date)).resting_hr).toBe(49);
  });

  it('should wait out a short Retry-After during a fetch', async () => {
    polar.exercises.set('ex-429', exercise('ex-429', 0, { start_time: `${today()}T18:00:00` }));
    polar.rateLimitNext('1');
    await deliver(exerciseEvent('ex-429')).expect(200);
    await pollUntil(async () => (await session('ex-429')) ?? null, { what: 'the session after a short 429' });
    expect(polar.server.requestsTo('GET', '/v3/exercises/ex-429')).toHaveLength(2);
  });

  it('should reject (not retry) an event whose token Polar refuses, since AccessLink issues no refresh token, and recover on reconnect', async () => {
    const tokenCalls = () => polar.server.requestsTo('POST', '/v2/oauth2/token').length;
    const callsBefore = tokenCalls();
    polar.revokeTokens();
    polar.exercises.set('ex-401', exercise('ex-401', 0, { start_time: `${today()}T12:00:00` }));
    await deliver(exerciseEvent('ex-401')).expect(200);
    const failed = await pollUntil(
      async () => (await t.dataSource.query(`SELECT status, error FROM raw_events WHERE source = 'polar' AND event_id = $1 AND status = 'failed'`, [`${polar.userId}:EXERCISE:ex-401`]))[0],
      { what: 'the event to be rejected' },
    );
    expect(failed.error).toMatch(/cannot be refreshed/);
    expect(await session('ex-401')).toBeUndefined();
    expect(tokenCalls()).toBe(callsBefore);

    // The athlete connects again: registration answers 409 (already registered) and the backfill brings the exercise.
    const [{ finished }] = await t.dataSource.query(`SELECT backfill_progress->>'finishedAt' AS finished FROM provider_connections WHERE id = $1`, [connectionId]);
    await connect(team.athlete.id);
    await backfillDone(team.athlete.id, finished);
    expect(polar.server.requestsTo('POST', '/v3/users').length).toBeGreaterThanOrEqual(2);
    expect(await session('ex-401')).toMatchObject({ sport: 'run', deleted: false });
  });
});
