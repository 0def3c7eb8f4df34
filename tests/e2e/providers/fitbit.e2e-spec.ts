import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { FakeFitbit, FakeFitbitActivity } from '../../fakes/fitbit.fake';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

const VERIFY_CODE = 'fitbit-subscriber-verification-code-42';

describe('Fitbit (signed notification → re-fetch of the day → sessions, recovery, metrics), against a fake Fitbit on 127.0.0.1', () => {
  const fitbit = new FakeFitbit();
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  const run = (logId: number, day: string, over: Partial<FakeFitbitActivity> = {}): FakeFitbitActivity => ({
    logId,
    activityName: 'Run',
    activityTypeId: 90009,
    // Mid-morning local time: the same calendar day in Europe/Berlin whether it is on +01:00 or +02:00.
    startTime: `${day}T09:30:00.000+01:00`,
    duration: 2_700_000,
    averageHeartRate: 148,
    distance: 8.4,
    calories: 560,
    ...over,
  });
  const notify = (entries: { collectionType: string; date: string; ownerId?: string }[], sign: (body: string) => string = (b) => fitbit.sign(b)) => {
    const body = JSON.stringify(entries.map((e) => ({ ownerId: fitbit.userId, ownerType: 'user', subscriptionId: 'loadwatch', ...e })));
    return api().post('/webhooks/fitbit').set('content-type', 'application/json').set('x-fitbit-signature', sign(body)).send(body);
  };
  const session = (externalId: string) =>
    t.dataSource
      .query(`SELECT sport, duration_s, moving_time_s, distance_m, avg_hr, deleted, load, local_date::text FROM sessions WHERE provider = 'fitbit' AND external_id = $1`, [externalId])
      .then((r) => r[0]);
  const recovery = (date: string) =>
    t.dataSource.query(`SELECT resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE athlete_id = $1 AND source = 'fitbit' AND date = $2`, [team.athlete.id, date]).then((r) => r[0]);
  const processed = (eventType: string) => count(`raw_events WHERE source = 'fitbit' AND event_type = $1 AND status = 'processed'`, [eventType]);
  /** Waits until the day's metrics load is the sum of the day's live Fitbit sessions (the recompute ran). */
  const metricsCatchUp = (day: string) =>
    pollUntil(
      async () => {
        const [{ sum }] = await t.dataSource.query(`SELECT coalesce(sum(load), 0)::float AS sum FROM sessions WHERE athlete_id = $1 AND local_date = $2 AND NOT deleted`, [team.athlete.id, day]);
        const res = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${day}&to=${day}`).set(auth()).expect(200);
        const load = res.body.days[0]?.load ?? 0;
        return Math.abs(load - sum) < 1e-6 ? { load, sum } : null;
      },
      { what: `the metrics of ${day} to include the Fitbit sessions` },
    );

  beforeAll(async () => {
    await fitbit.start();
    fitbit.pageSize = 2; // the 90-day backfill has to follow pagination.next
    for (const [i, daysAgo] of [20, 15, 10, 5, 3, 1].entries()) fitbit.activities.set(100 + i, run(100 + i, addDays(today(), -daysAgo)));
    fitbit.restingHr.set(addDays(today(), -3), 55);
    fitbit.restingHr.set(addDays(today(), -2), 56);
    fitbit.hrv.set(addDays(today(), -2), 39.4);
    fitbit.sleep.set(addDays(today(), -1), 415);
    t = await startTestApp({}, { env: { ...fitbit.env(), FITBIT_VERIFY_TOKEN: VERIFY_CODE } });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
    await fitbit.stop();
  });

  it('should connect through OAuth with PKCE and Basic client auth, subscribe the user, then backfill 90 days of activities and recovery', async () => {
    const start = await api().post(`/api/athletes/${team.athlete.id}/connections/fitbit`).set(auth()).send({}).expect(201);
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${fitbit.server.url}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: fitbit.clientId, response_type: 'code', scope: 'activity heartrate sleep profile', code_challenge_method: 'S256' });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    fitbit.approve(start.body.authorizeUrl);
    const done = await api().get(`/oauth/fitbit/callback?code=good-code&state=${url.searchParams.get('state')}`).expect(200);
    connectionId = done.body.connectionId;
    const exchange = fitbit.tokenRequests.find((r) => r.form.grant_type === 'authorization_code');
    expect(exchange?.authorization).toBe(`Basic ${Buffer.from(`${fitbit.clientId}:${fitbit.clientSecret}`).toString('base64')}`);
    expect(exchange?.form.client_secret).toBeUndefined();
    expect(exchange?.form.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);

    // Without a subscription Fitbit would never notify: one for all collections, made with the new token.
    expect([...fitbit.subscriptions]).toEqual([['loadwatch-228TQ4', '228TQ4']]);
    expect(fitbit.server.requestsTo('POST', '/1/user/-/apiSubscriptions/')[0].headers.authorization).toMatch(/^Bearer fb-at-/);
    const [row] = await t.dataSource.query(`SELECT provider_user_id, access_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row.provider_user_id).toBe('228TQ4');
    expect(row.access_token_sealed).not.toMatch(/fb-at-/);

    const list = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'done' ? res.body : null;
      },
      { what: 'the Fitbit backfill to finish' },
    );
    // Three activity pages of two (pagination.next), then one page of recovery rows.
    expect(list[0]).toMatchObject({ provider: 'fitbit', status: 'active', backfill: { status: 'done', sessions: 6, recoveryDays: 3, pages: 4 } });
    expect(fitbit.server.requestsTo('GET', '/1/user/-/activities/list.json').map((r) => r.query.get('offset'))).toEqual(['0', '2', '4']);
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'fitbit'`, [team.athlete.id])).toBe(6);
    expect(await session('100')).toMatchObject({ sport: 'run', duration_s: 2700, distance_m: 8400, avg_hr: 148, deleted: false, local_date: addDays(today(), -20) });
    expect(await recovery(addDays(today(), -2))).toEqual({ resting_hr: 56, hrv_rmssd: 39.4, sleep_s: null });
    expect(await recovery(addDays(today(), -1))).toEqual({ resting_hr: null, hrv_rmssd: null, sleep_s: 415 * 60 });
  });

  it('should answer subscriber verification with 204 for the right code and 404 otherwise', async () => {
    const ok = await api().get(`/webhooks/fitbit?verify=${VERIFY_CODE}`).expect(204);
    expect(ok.text).toBe('');
    await api().get('/webhooks/fitbit?verify=not-the-code').expect(404);
    await api().get('/webhooks/fitbit').expect(404);
  });

  it('should acknowledge a batch with 204, re-fetch the day once per (collection, date) and land sessions, recovery and metrics', async () => {
    fitbit.activities.set(9001, run(9001, today(), { activeDuration: 2_580_000 }));
    fitbit.restingHr.set(today(), 52);
    fitbit.hrv.set(today(), 45.5);
    fitbit.sleep.set(today(), 420);
    const before = await count(`raw_events WHERE source = 'fitbit'`);
    const res = await notify([
      { collectionType: 'activities', date: today() },
      { collectionType: 'sleep', date: today() },
      { collectionType: 'activities', date: today() }, // subscribed twice: the same notification again
      { collectionType: 'foods', date: today() },
    ]).expect(204);
    expect(res.text).toBe('');
    expect(await count(`raw_events WHERE source = 'fitbit'`)).toBe(before + 2);

    await pollUntil(async () => (await session('9001')) ?? null, { what: 'the notified session' });
    expect(await session('9001')).toMatchObject({ sport: 'run', duration_s: 2700, moving_time_s: 2580, distance_m: 8400, avg_hr: 148, deleted: false, local_date: today() });
    // Resting HR comes with the activities event, HRV and sleep with the sleep event: the row merges both.
    await pollUntil(async () => (await recovery(today()))?.resting_hr === 52 && (await recovery(today())).sleep_s === 25200, { what: "today's recovery row" });
    expect(await recovery(today())).toEqual({ resting_hr: 52, hrv_rmssd: 45.5, sleep_s: 25200 });
    const metrics = await metricsCatchUp(today());
    expect(metrics.load).toBeGreaterThan(0);
    // The neighbouring day was replaced too, and its backfilled session (still on Fitbit) kept.
    expect((await session('105')).deleted).toBe(false);
  });

  it('should store one session however often the same delivery arrives', async () => {
    const fetchesBefore = fitbit.server.requestsTo('GET', '/1/user/-/activities/list.json').length;
    await notify([{ collectionType: 'activities', date: today() }]).expect(204);
    await notify([{ collectionType: 'activities', date: today() }]).expect(204);
    await pollUntil(async () => (await processed('activities')) >= 3, { what: 'both redeliveries to be processed' });
    expect(await processed('activities')).toBe(3);
    expect(await count(`sessions WHERE provider = 'fitbit' AND external_id = '9001'`)).toBe(1);
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'fitbit'`, [team.athlete.id])).toBe(7);
    // Each delivery re-fetched the day (a redelivery is indistinguishable from a new change).
    expect(fitbit.server.requestsTo('GET', '/1/user/-/activities/list.json').length).toBe(fetchesBefore + 2);
  });

  it('should answer 404 to a wrong signature, 400/422 to a bad body, acknowledge unknown users, and store nothing for any of them', async () => {
    const before = await count('raw_events');
    await notify([{ collectionType: 'activities', date: today() }], () => 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=').expect(404);
    await notify([{ collectionType: 'activities', date: today() }], (b) => fitbit.sign(`${b} `)).expect(404);
    await api().post('/webhooks/fitbit').set('content-type', 'application/json').send('[]').expect(404);
    const broken = '[{"collectionType":';
    await api().post('/webhooks/fitbit').set('content-type', 'application/json').set('x-fitbit-signature', fitbit.sign(broken)).send(broken).expect(400);
    const notAnArray = '{"collectionType":"activities"}';
    const invalid = await api().post('/webhooks/fitbit').set('content-type', 'application/json').set('x-fitbit-signature', fitbit.sign(notAnArray)).send(notAnArray).expect(422);
    expect(invalid.body).toMatchObject({ statusCode: 422, error: 'VALIDATION_FAILED', message: 'body must be an array of notifications' });
    await notify([{ collectionType: 'activities', date: today(), ownerId: 'NOBODY' }]).expect(204);
    expect(await count('raw_events')).toBe(before);
  });

  it('should apply an edit and delete what Fitbit no longer lists for the notified day (diff by logId)', async () => {
    fitbit.activities.set(9001, { ...fitbit.activities.get(9001)!, activityName: 'Spinning', activityTypeId: 55001, duration: 3_600_000, distance: undefined });
    fitbit.activities.set(9002, run(9002, today(), { startTime: `${today()}T18:00:00.000+01:00`, duration: 1_800_000 }));
    await notify([{ collectionType: 'activities', date: today() }]).expect(204);
    await pollUntil(async () => (await session('9001'))?.sport === 'indoor_ride' && (await session('9002')), { what: 'the edit and the new activity' });
    expect(await session('9001')).toMatchObject({ duration_s: 3600, distance_m: null });

    fitbit.activities.delete(9001);
    await notify([{ collectionType: 'activities', date: today() }]).expect(204);
    await pollUntil(async () => (await session('9001')).deleted === true, { what: 'the deleted activity to be marked deleted' });
    expect((await session('9002')).deleted).toBe(false);
    expect((await session('105')).deleted).toBe(false);
    const metrics = await metricsCatchUp(today());
    expect(metrics.load).toBeCloseTo((await session('9002')).load, 6);
  });

  it('should refresh an access token the API refuses (Basic auth, rotated tokens) and finish the fetch', async () => {
    const [before] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    const grantsBefore = fitbit.refreshGrants().length;
    fitbit.expireAccessTokens();
    fitbit.activities.set(9003, run(9003, today(), { startTime: `${today()}T12:00:00.000+01:00`, activityName: 'Swim', activityTypeId: 90024, distance: 1.5 }));
    await notify([{ collectionType: 'activities', date: today() }]).expect(204);
    await pollUntil(async () => (await session('9003')) ?? null, { what: 'the session after a refresh' });
    expect(await session('9003')).toMatchObject({ sport: 'swim', distance_m: 1500 });
    const [after] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(after.access_token_sealed).not.toBe(before.access_token_sealed);
    expect(after.refresh_token_sealed).not.toBe(before.refresh_token_sealed);
    const grants = fitbit.refreshGrants().slice(grantsBefore);
    expect(grants).toHaveLength(1);
    expect(grants[0].authorization).toMatch(/^Basic /);
  });

  it('should revoke the connection only once the API confirms userRevokedAccess, keeping the data', async () => {
    await notify([{ collectionType: 'userRevokedAccess', date: today() }]).expect(204);
    await pollUntil(async () => (await processed('userRevokedAccess')) === 1, { what: 'the unconfirmed revocation' });
    expect((await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status).toBe('active');

    fitbit.revokeAccess();
    await notify([{ collectionType: 'userRevokedAccess', date: today() }]).expect(204);
    await pollUntil(async () => (await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status === 'revoked', {
      what: 'the confirmed revocation',
    });
    const [row] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row).toEqual({ access_token_sealed: null, refresh_token_sealed: null });
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'fitbit' AND NOT deleted`, [team.athlete.id])).toBeGreaterThan(0);
    // From now on the user is unknown: acknowledged, nothing stored.
    const before = await count('raw_events');
    await notify([{ collectionType: 'activities', date: today() }]).expect(204);
    expect(await count('raw_events')).toBe(before);
  });
});
