import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { buildActivityFit, FakeGarmin, s256 } from '../../fakes/garmin.fake';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

const PATH_TOKEN = 'garmin-path-token-0123456789abcdef';
const STRANGER = 'a099ba88-6c85-43ec-8b58-63d286683cda';
const FIXTURES = join(__dirname, '../../fixtures/providers/garmin');
const fixture = (name: string): Record<string, Record<string, unknown>[]> => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

describe('Garmin (push, ping, activity files → sessions, recovery, metrics), against a fake Garmin on 127.0.0.1', () => {
  const garmin = new FakeGarmin();
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  /** Epoch seconds of a UTC wall time `days` from today's (Berlin) date. */
  const at = (days: number, time: string) => Date.parse(`${addDays(today(), days)}T${time}Z`) / 1000;
  const deliver = (body: unknown, options: { token?: string | null; clientId?: string | null } = {}) => {
    const token = options.token === undefined ? PATH_TOKEN : options.token;
    const req = api().post(token === null ? '/webhooks/garmin' : `/webhooks/garmin/${token}`);
    for (const [k, v] of Object.entries(garmin.notificationHeaders(options.clientId === undefined ? garmin.clientId : options.clientId))) req.set(k, v);
    return req.send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const session = (externalId: string) =>
    t.dataSource
      .query(`SELECT sport, rpe, avg_hr, max_hr, duration_s, moving_time_s, distance_m, exercises, load, load_method, local_date::text AS local_date FROM sessions WHERE provider = 'garmin' AND external_id = $1`, [externalId])
      .then((r) => r[0]);
  const recovery = (date: string) =>
    t.dataSource.query(`SELECT resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE source = 'garmin' AND athlete_id = $1 AND date = $2`, [team.athlete.id, date]).then((r) => r[0]);
  /** Waits until the worker is done with the events of this type whose stored body contains `needle`. */
  const processed = (eventType: string, needle: string, n = 1) =>
    pollUntil(async () => (await count(`raw_events WHERE source = 'garmin' AND event_type = $1 AND body LIKE $2 AND status <> 'pending'`, [eventType, `%${needle}%`])) >= n, {
      what: `${n} processed ${eventType} event(s) with ${needle}`,
    });
  const connectionStatus = async () => (await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status as string;

  // The run of today: the summary (activities) and its details (activityDetails) as Garmin pushes them.
  const RUN_ID = 21337459081;
  const run = () => ({ ...fixture('push_activities_two_users.json').activities[0], userId: garmin.userId, startTimeInSeconds: at(0, '05:00:00') });
  const runDetails = () => {
    const details = fixture('push_activity_details_with_samples.json').activityDetails[0];
    const summary = { ...(details.summary as object), startTimeInSeconds: at(0, '05:00:00'), averageHeartRateInBeatsPerMinute: 151, maxHeartRateInBeatsPerMinute: 178 };
    return { ...details, userId: garmin.userId, summary };
  };
  const strangersStrength = () => fixture('push_activities_two_users.json').activities[1];
  const health = () => {
    const h = fixture('push_health_dailies_sleeps_hrv.json');
    // One day each: the session store replaces a whole recovery row per (athlete, day, source) — see the report.
    return {
      dailies: [{ ...h.dailies[0], calendarDate: addDays(today(), -1) }],
      sleeps: [{ ...h.sleeps[0], calendarDate: addDays(today(), -2) }],
      hrv: [{ ...h.hrv[0], calendarDate: addDays(today(), -3) }],
    };
  };

  beforeAll(async () => {
    await garmin.start();
    // What the athlete recorded before connecting Loadwatch: Garmin sends it only after a backfill request.
    for (const [i, days] of [-5, -12, -40, -70, -120].entries()) {
      garmin.history.push({
        userId: garmin.userId,
        type: 'activities',
        item: { summaryId: String(20_000_000_000 + i), activityId: 20_000_000_000 + i, activityType: 'RUNNING', startTimeInSeconds: at(days, '06:00:00'), durationInSeconds: 3000, distanceInMeters: 8000, averageHeartRateInBeatsPerMinute: 145 },
      });
    }
    for (const days of [-20, -21]) {
      garmin.history.push({ userId: garmin.userId, type: 'hrv', item: { summaryId: `hrv-${days}`, calendarDate: addDays(today(), days), startTimeInSeconds: at(days, '00:00:00'), lastNightAvg: 52 } });
    }
    t = await startTestApp({}, { env: { ...garmin.env(), GARMIN_PATH_TOKEN: PATH_TOKEN } });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
    await garmin.stop();
  });

  it('should connect through OAuth 2 PKCE, then request 90 days of history that arrives by push', async () => {
    const start = await api().post(`/api/athletes/${team.athlete.id}/connections/garmin`).set(auth()).send({}).expect(201);
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${garmin.server.url}/oauth2Confirm`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: garmin.clientId, response_type: 'code', code_challenge_method: 'S256' });
    const challenge = url.searchParams.get('code_challenge') as string;

    const done = await api().get(`/oauth/garmin/callback?code=good-code&state=${url.searchParams.get('state')}`).expect(200);
    connectionId = done.body.connectionId;

    const [tokenRequest] = garmin.tokenRequests();
    expect(tokenRequest.get('grant_type')).toBe('authorization_code');
    expect(tokenRequest.get('client_secret')).toBe(garmin.clientSecret);
    expect(s256(tokenRequest.get('code_verifier') as string)).toBe(challenge);
    const [row] = await t.dataSource.query(`SELECT provider_user_id, access_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row.provider_user_id).toBe(garmin.userId);
    expect(row.access_token_sealed).toMatch(/^v1\./);

    const list = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'done' ? res.body : null;
      },
      { what: 'the backfill requests' },
    );
    // One progress page per request; the data itself comes later, as push notifications.
    expect(list[0]).toMatchObject({ provider: 'garmin', status: 'active', backfill: { status: 'done', pages: garmin.backfills.length, sessions: 0 } });
    const since = Date.parse(`${addDays(today(), -90)}T00:00:00Z`) / 1000;
    for (const type of ['activities', 'hrv', 'sleeps', 'dailies']) {
      const windows = garmin.backfills.filter((b) => b.type === type).sort((a, b) => a.start - b.start);
      expect(windows.length).toBeGreaterThanOrEqual(3);
      expect(windows[0].start).toBe(since);
      expect(windows.every((w) => w.accepted && w.end - w.start < 30 * 86_400)).toBe(true);
      windows.slice(1).forEach((w, i) => expect(w.start).toBe(windows[i].end + 1));
    }

    for (const body of garmin.backfillDeliveries()) await deliver(body).expect(200);
    await pollUntil(async () => (await count(`sessions WHERE athlete_id = $1 AND provider = 'garmin'`, [team.athlete.id])) === 4, { what: 'the backfilled sessions' });
    await pollUntil(async () => (await recovery(addDays(today(), -21)))?.hrv_rmssd === 52, { what: 'the backfilled HRV' });
    expect(await session('20000000004')).toBeUndefined(); // 120 days ago: outside the window asked for
    expect(await session('20000000000')).toMatchObject({ sport: 'run', duration_s: 3000, avg_hr: 145, local_date: addDays(today(), -5) });
  });

  it('should store a push of activities, details and health summaries for our athlete, ignore the stranger, and show the load', async () => {
    const body = { activities: [run(), strangersStrength()], activityDetails: [runDetails()], ...health() };

    const first = await deliver(body).expect(200);
    expect(first.body).toEqual({ accepted: 5, duplicate: 0, ignored: 1 });
    // Garmin retries a notification it thinks failed: nothing new is stored.
    const again = await deliver(body).expect(200);
    expect(again.body).toEqual({ accepted: 0, duplicate: 5, ignored: 1 });

    await processed('activityDetails.push', String(RUN_ID));
    await processed('activities.push', String(RUN_ID));
    // The details outrank the summary whatever order they ran in: their moving time stays.
    expect(await session(String(RUN_ID))).toMatchObject({ sport: 'run', duration_s: 3312, moving_time_s: 3248, avg_hr: 151, max_hr: 178, distance_m: 9978.41, local_date: today() });
    expect(await count(`sessions WHERE external_id = $1`, [String(RUN_ID)])).toBe(1);
    expect(await count(`sessions WHERE external_id = '21338112457'`)).toBe(0);
    await pollUntil(async () => (await recovery(addDays(today(), -3)))?.hrv_rmssd === 48, { what: 'the HRV row' });
    expect(await recovery(addDays(today(), -1))).toEqual({ resting_hr: 47, hrv_rmssd: null, sleep_s: null });
    expect(await recovery(addDays(today(), -2))).toEqual({ resting_hr: null, hrv_rmssd: null, sleep_s: 26_880 });

    const { load } = await session(String(RUN_ID));
    expect(load).toBeGreaterThan(0);
    await pollUntil(
      async () => {
        const metrics = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${today()}&to=${today()}`).set(auth()).expect(200);
        return Math.abs((metrics.body.days[0]?.load ?? 0) - load) < 1e-6;
      },
      { what: "today's load to be the run's load" },
    );
  });

  it('should refuse deliveries without our client id or path token with 401, and malformed ones with 400/422, storing nothing', async () => {
    const before = await count('raw_events');
    const body = { activities: [{ ...run(), summaryId: 'forged-1', activityId: 1 }] };

    await deliver(body, { clientId: null }).expect(401);
    await deliver(body, { clientId: 'garmin-consumer-key-00000000' }).expect(401);
    await deliver(body, { token: 'not-the-token-xxxxxxxxxxxxxxxxxxx' }).expect(401);
    await deliver(body, { token: null }).expect(401);
    await deliver('{"activities": [').expect(400);
    const invalid = await deliver({ activities: [{ summaryId: 'x' }] }).expect(422);
    expect(invalid.body.message).toBe('activities[0].userId must be a non-empty string');

    expect(await count('raw_events')).toBe(before);
    expect(await count(`sessions WHERE external_id = '1'`)).toBe(0);
  });

  it('should acknowledge a user it does not know and store nothing, so Garmin does not retry', async () => {
    const before = await count('raw_events');

    const res = await deliver({ activities: [strangersStrength()], epochs: [{ userId: STRANGER, summaryId: 'e1' }] }).expect(200);

    expect(res.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
    expect(await count('raw_events')).toBe(before);
  });

  it("should fetch a ping's summaries from the callback URL with the athlete's token", async () => {
    const ride = { summaryId: '21339000001', activityId: 21339000001, activityType: 'ROAD_BIKING', startTimeInSeconds: at(0, '15:00:00'), durationInSeconds: 5400, distanceInMeters: 41_200, averageHeartRateInBeatsPerMinute: 138 };
    const ping = garmin.upload('activities', [ride]);
    const dailyPing = garmin.upload('dailies', [{ summaryId: 'd-4', calendarDate: addDays(today(), -4), restingHeartRateInBeatsPerMinute: 49 }]);

    expect((await deliver(ping).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    await deliver(dailyPing).expect(200);

    await pollUntil(async () => (await session('21339000001')) ?? null, { what: 'the pinged ride' });
    expect(await session('21339000001')).toMatchObject({ sport: 'ride', duration_s: 5400, avg_hr: 138 });
    await pollUntil(async () => (await recovery(addDays(today(), -4)))?.resting_hr === 49, { what: 'the pinged daily' });
    const [callback] = garmin.server.requestsTo('GET', '/wellness-api/rest/activities');
    expect(callback.headers.authorization).toMatch(/^Bearer gat-/);
    expect(callback.query.get('token')).toMatch(/^pull-/);
  });

  it('should download an activity file once and keep its RPE and strength sets over the plainer summary', async () => {
    const id = 31000000001;
    const start = new Date(at(0, '17:30:00') * 1000);
    const fit = buildActivityFit(
      [{ start, sport: 'training', subSport: 'strengthTraining', elapsedS: 3600, timerS: 3300, avgHr: 118, maxHr: 161, workoutRpe: 70 }],
      [
        { category: 'deadlift', subtype: 0, reps: 5, kg: 100 },
        { rest: true },
        { category: 'deadlift', subtype: 0, reps: 5, kg: 105 },
        { rest: true },
        { category: 'squat', subtype: 6, reps: 8, kg: 80 },
      ],
    );
    const ping = garmin.activityFile(id, fit, { startTimeInSeconds: start.getTime() / 1000 });

    await deliver(ping).expect(200);
    await pollUntil(async () => (await session(String(id))) ?? null, { what: 'the FIT session' });
    expect(await session(String(id))).toMatchObject({
      sport: 'strength',
      rpe: 7,
      duration_s: 3600,
      moving_time_s: 3300,
      exercises: [
        { name: 'Barbell Deadlift', sets: [{ reps: 5, kg: 100 }, { reps: 5, kg: 105 }] },
        { name: 'Barbell Back Squat', sets: [{ reps: 8, kg: 80 }] },
      ],
      load_method: 'srpe',
      load: 7 * (3300 / 60),
    });
    expect(garmin.downloadsOf((ping.activityFiles as { callbackURL: string }[])[0].callbackURL)).toBe(1);

    // The activity summary of the same workout arrives afterwards: it has no RPE, and must not erase it.
    const summary = { userId: garmin.userId, summaryId: String(id), activityId: id, activityType: 'STRENGTH_TRAINING', startTimeInSeconds: start.getTime() / 1000, durationInSeconds: 3600, averageHeartRateInBeatsPerMinute: 118 };
    await deliver({ activities: [summary] }).expect(200);
    await processed('activities.push', String(id));
    expect(await session(String(id))).toMatchObject({ rpe: 7, load_method: 'srpe' });
  });

  it('should reject, not retry, a file whose one download was already used (410)', async () => {
    const id = 31000000002;
    const ping = garmin.activityFile(id, buildActivityFit([{ start: new Date(at(-1, '17:00:00') * 1000), sport: 'running', elapsedS: 1800 }]));
    const callbackURL = (ping.activityFiles as { callbackURL: string }[])[0].callbackURL;
    garmin.useUpDownload(callbackURL);

    await deliver(ping).expect(200);

    const failed = await pollUntil(
      async () => {
        const [row] = await t.dataSource.query(`SELECT status, error FROM raw_events WHERE event_type = 'activityFiles.ping' AND body LIKE $1`, [`%${id}%`]);
        return row?.status === 'failed' ? row : null;
      },
      { what: 'the file event to fail' },
    );
    expect(failed.error).toMatch(/garmin answered 410/);
    expect(failed.error).not.toMatch(/token=file-/);
    expect(garmin.downloadsOf(callbackURL)).toBe(2);
    expect(await session(String(id))).toBeUndefined();
  });

  it('should replace a session with its manual update, keep it over a stale re-send, and take a re-sent daily', async () => {
    const manual = { ...fixture('push_manually_updated_activities.json').manuallyUpdatedActivities[0], userId: garmin.userId, startTimeInSeconds: at(0, '05:00:00') };

    await deliver({ manuallyUpdatedActivities: [manual] }).expect(200);
    await pollUntil(async () => (await session(String(RUN_ID)))?.sport === 'trail_run', { what: 'the manual update' });
    expect(await session(String(RUN_ID))).toMatchObject({ duration_s: 3600, distance_m: 10_512 });

    // A stale copy of the device summary (re-sent by Garmin's resender) does not undo the athlete's edit.
    await deliver({ activities: [{ ...run(), activeKilocalories: 713 }] }).expect(200);
    await processed('activities.push', '"activeKilocalories":713');
    expect(await session(String(RUN_ID))).toMatchObject({ sport: 'trail_run', duration_s: 3600 });

    // The same daily, updated later in the day: same summaryId, new content, so not a duplicate.
    const daily = { ...health().dailies[0], userId: garmin.userId, restingHeartRateInBeatsPerMinute: 45 };
    expect((await deliver({ dailies: [daily] }).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    await pollUntil(async () => (await recovery(addDays(today(), -1)))?.resting_hr === 45, { what: 'the updated daily' });
  });

  it('should revoke the connection on a deregistration only once the API refuses the token', async () => {
    const body = fixture('deregistrations_docs_example.json');

    await deliver(body).expect(200);
    await processed('deregistrations', garmin.userId);
    expect(await connectionStatus()).toBe('active');

    garmin.deregister();
    // The same body again: deregistrations are never swallowed as duplicates (a forgery could otherwise pre-empt it).
    expect((await deliver(body).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    await pollUntil(async () => (await connectionStatus()) === 'revoked', { what: 'the revocation' });
    const [row] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row).toEqual({ access_token_sealed: null, refresh_token_sealed: null });
    // Kept by default: the synced sessions stay, and later deliveries for the user are ignored.
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'garmin'`, [team.athlete.id])).toBeGreaterThan(0);
    expect((await deliver({ activities: [{ ...run(), summaryId: 'after', activityId: 2 }] }).expect(200)).body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
  });

  it('should delete the Garmin registration when the athlete disconnects', async () => {
    const other = await seedTeam(t, { name: 'Leaving Garmin', timezone: 'Europe/Berlin' });
    garmin.userId = 'second-garmin-user-0000000000000';
    const start = await api().post(`/api/athletes/${other.athlete.id}/connections/garmin`).set(auth()).send({}).expect(201);
    await api().get(`/oauth/garmin/callback?code=good-code&state=${new URL(start.body.authorizeUrl).searchParams.get('state')}`).expect(200);
    await api().delete(`/api/athletes/${other.athlete.id}/connections/garmin`).set(auth()).expect(204);
    expect(garmin.server.requestsTo('DELETE', '/wellness-api/rest/user/registration')).toHaveLength(1);
    const [row] = await t.dataSource.query(`SELECT status FROM provider_connections WHERE athlete_id = $1`, [other.athlete.id]);
    expect(row.status).toBe('revoked');
  });
});
