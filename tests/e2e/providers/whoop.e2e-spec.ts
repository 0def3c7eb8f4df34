import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { FakeWhoop, FakeWhoopWorkout } from '../../fakes/whoop.fake';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

describe('WHOOP (signed webhook → fetch-back → metrics), against a fake WHOOP on 127.0.0.1', () => {
  const whoop = new FakeWhoop();
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  const session = (externalId: string) =>
    t.dataSource.query(`SELECT sport, avg_hr, max_hr, duration_s, distance_m, deleted, load, load_method FROM sessions WHERE provider = 'whoop' AND external_id = $1`, [externalId]).then((r) => r[0]);
  const connection = () => t.dataSource.query(`SELECT status, access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]).then((r) => r[0]);
  const processed = (type: string) => count(`raw_events WHERE source = 'whoop' AND event_type = $1 AND status = 'processed'`, [type]);

  /** A delivery signed the way webhooks.md §7b says WHOOP signs: base64(HMAC-SHA256(secret, timestamp + body)). */
  const deliver = (event: Record<string, unknown>, options: { timestampMs?: number; secret?: string; body?: string } = {}) => {
    const body = options.body ?? JSON.stringify({ user_id: whoop.userId, trace_id: randomUUID(), ...event });
    const ts = String(options.timestampMs ?? Date.now());
    const signature = createHmac('sha256', options.secret ?? whoop.clientSecret).update(ts + body).digest('base64');
    return api().post('/webhooks/whoop').set('content-type', 'application/json').set('x-whoop-signature', signature).set('x-whoop-signature-timestamp', ts).send(body);
  };

  /** WHOOP stamps versions with its own clock: never later than now. */
  const past = (iso: string) => (Date.parse(iso) < Date.now() - 60_000 ? iso : new Date(Date.now() - 60_000).toISOString());
  const workout = (id: string, day: string, fields: Partial<FakeWhoopWorkout> = {}): FakeWhoopWorkout => ({
    id,
    user_id: whoop.userId,
    created_at: past(`${day}T07:40:00.000Z`),
    updated_at: past(`${day}T07:45:00.000Z`),
    start: `${day}T06:00:00.000Z`,
    end: `${day}T07:00:00.000Z`,
    timezone_offset: '+01:00',
    sport_name: 'running',
    score_state: 'SCORED',
    score: { strain: 12.1, average_heart_rate: 150, max_heart_rate: 176, kilojoule: 2900, distance_meter: 11000, zone_durations: { zone_one_milli: 600000, zone_two_milli: 1800000 } },
    ...fields,
  });

  const night = (n: number, day: string) => {
    const sleepId = randomUUID();
    whoop.sleeps.set(sleepId, {
      id: sleepId,
      cycle_id: 90000 + n,
      user_id: whoop.userId,
      start: `${addDays(day, -1)}T22:00:00.000Z`,
      end: `${day}T05:30:00.000Z`,
      timezone_offset: '+01:00',
      nap: false,
      score_state: 'SCORED',
      score: { stage_summary: { total_in_bed_time_milli: 27_000_000, total_awake_time_milli: 1_800_000 } },
    });
    whoop.recoveries.set(90000 + n, {
      cycle_id: 90000 + n,
      sleep_id: sleepId,
      user_id: whoop.userId,
      updated_at: `${day}T05:40:00.000Z`,
      score_state: 'SCORED',
      score: { recovery_score: 70, resting_heart_rate: 50 + n, hrv_rmssd_milli: 60 + n },
    });
    return sleepId;
  };

  beforeAll(async () => {
    await whoop.start();
    for (let i = 0; i < 5; i++) {
      const id = `aaaaaaaa-0000-4000-8000-00000000000${i}`;
      whoop.workouts.set(id, workout(id, addDays(today(), -(10 - i * 2))));
    }
    // Older than the 90-day window: never asked for.
    whoop.workouts.set('aaaaaaaa-0000-4000-8000-000000000099', workout('aaaaaaaa-0000-4000-8000-000000000099', addDays(today(), -120)));
    night(1, addDays(today(), -3));
    night(2, addDays(today(), -2));
    const napId = randomUUID();
    whoop.sleeps.set(napId, { ...whoop.sleeps.values().next().value!, id: napId, nap: true, cycle_id: 1 });
    t = await startTestApp({}, { env: whoop.env() });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
    await whoop.stop();
  });

  it('should connect through OAuth with offline access, read the user id from the profile and backfill 90 days page by page', async () => {
    const start = await api().post(`/api/athletes/${team.athlete.id}/connections/whoop`).set(auth()).send({}).expect(201);
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${whoop.server.url}/oauth/oauth2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: whoop.clientId, response_type: 'code' });
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['offline', 'read:workout', 'read:sleep', 'read:recovery']));
    expect(url.searchParams.get('state')?.length).toBeGreaterThanOrEqual(8); // WHOOP wants at least 8 characters
    const done = await api().get(`/oauth/whoop/callback?code=good-code&state=${url.searchParams.get('state')}`).expect(200);
    connectionId = done.body.connectionId;

    const list = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'done' ? res.body : null;
      },
      { what: 'the WHOOP backfill to finish' },
    );
    // 5 workouts on 3 pages of 2, then 3 sleeps (2 nights, 1 nap) on 2 pages.
    expect(list[0]).toMatchObject({ provider: 'whoop', providerUserId: String(whoop.userId), status: 'active', backfill: { status: 'done', sessions: 5, recoveryDays: 2, pages: 5 } });
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'whoop'`, [team.athlete.id])).toBe(5);
    expect(await session('aaaaaaaa-0000-4000-8000-000000000099')).toBeUndefined();
    expect(whoop.server.requestsTo('GET', '/developer/v2/activity/workout').filter((r) => r.query.get('nextToken'))).toHaveLength(2);
    const rows = await t.dataSource.query(`SELECT date::text, resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE athlete_id = $1 AND source = 'whoop' ORDER BY date`, [team.athlete.id]);
    expect(rows).toEqual([
      { date: addDays(today(), -3), resting_hr: 51, hrv_rmssd: 61, sleep_s: 25_200 },
      { date: addDays(today(), -2), resting_hr: 52, hrv_rmssd: 62, sleep_s: 25_200 },
    ]);
  });

  it('should fetch a workout named by a signed delivery once, however often the delivery comes, and show it in the metrics', async () => {
    const id = 'bbbbbbbb-0000-4000-8000-000000000001';
    whoop.workouts.set(id, workout(id, today(), { sport_name: 'weightlifting', start: `${today()}T05:00:00.000Z`, end: `${today()}T05:45:00.000Z` }));
    const body = JSON.stringify({ user_id: whoop.userId, id, type: 'workout.updated', trace_id: randomUUID() });
    expect((await deliver({}, { body }).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    expect((await deliver({}, { body }).expect(200)).body).toEqual({ accepted: 0, duplicate: 1, ignored: 0 });
    const stored = await pollUntil(async () => (await session(id)) ?? null, { what: 'the WHOOP session' });
    expect(stored).toMatchObject({ sport: 'strength', avg_hr: 150, max_hr: 176, duration_s: 2700, deleted: false });
    expect(whoop.server.requestsTo('GET', `/developer/v2/activity/workout/${id}`)).toHaveLength(1);
    await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${today()}&to=${today()}`).set(auth()).expect(200);
        return Math.abs((res.body.days[0]?.load ?? 0) - stored.load) < 1e-6 && stored.load > 0;
      },
      { what: "today's load to include the WHOOP session" },
    );
  });

  it('should answer 401 to a wrong signature or a stale timestamp, 422 to a malformed body, and ignore a member it does not know', async () => {
    const before = await count('raw_events');
    const id = 'bbbbbbbb-0000-4000-8000-000000000001';
    await deliver({ id, type: 'workout.updated' }, { secret: 'not-the-client-secret' }).expect(401);
    await deliver({ id, type: 'workout.updated' }, { timestampMs: Date.now() - 301_000 }).expect(401);
    await api().post('/webhooks/whoop').set('content-type', 'application/json').send(JSON.stringify({ user_id: whoop.userId, id, type: 'workout.updated' })).expect(401);
    await deliver({ id: 'not-an-id!', type: 'workout.updated' }).expect(422);
    const stranger = await deliver({ user_id: 1, id, type: 'workout.updated' }).expect(200);
    expect(stranger.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
    expect(await count('raw_events')).toBe(before);
  });

  it('should apply a later version of a workout and ignore an older one fetched afterwards', async () => {
    const id = 'aaaaaaaa-0000-4000-8000-000000000004';
    const current = whoop.workouts.get(id)!;
    whoop.workouts.set(id, { ...current, updated_at: new Date(Date.now() - 1000).toISOString(), score: { ...current.score!, average_heart_rate: 161 } });
    await deliver({ id, type: 'workout.updated' }).expect(200);
    await pollUntil(async () => (await session(id))?.avg_hr === 161, { what: 'the newer version' });

    const processedBefore = await processed('workout.updated');
    // A lagging replica answers with an older version: it must not win.
    whoop.workouts.set(id, { ...current, updated_at: new Date(Date.now() - 3_600_000).toISOString(), score: { ...current.score!, average_heart_rate: 140 } });
    await deliver({ id, type: 'workout.updated' }).expect(200);
    await pollUntil(async () => (await processed('workout.updated')) === processedBefore + 1, { what: 'the older version to be processed' });
    expect((await session(id)).avg_hr).toBe(161);
  });

  it('should delete a session only once the API answers 404 for the workout, and drop its load', async () => {
    const id = 'bbbbbbbb-0000-4000-8000-000000000001';
    await deliver({ id, type: 'workout.deleted' }).expect(200);
    await pollUntil(async () => (await processed('workout.deleted')) === 1, { what: 'the unconfirmed delete' });
    expect((await session(id)).deleted).toBe(false);

    whoop.workouts.delete(id);
    await deliver({ id, type: 'workout.deleted' }).expect(200);
    await pollUntil(async () => (await session(id)).deleted === true, { what: 'the confirmed delete' });
    await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${today()}&to=${today()}`).set(auth());
        return res.body.days[0]?.load === 0;
      },
      { what: "today's load to drop to 0" },
    );
  });

  it("should write the night's recovery row from a sleep delivery and again, unchanged, from the recovery delivery", async () => {
    const sleepId = night(3, today());
    await deliver({ id: sleepId, type: 'sleep.updated' }).expect(200);
    const row = await pollUntil(
      async () => (await t.dataSource.query(`SELECT resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE athlete_id = $1 AND source = 'whoop' AND date = $2`, [team.athlete.id, today()]))[0],
      { what: "today's WHOOP recovery" },
    );
    expect(row).toEqual({ resting_hr: 53, hrv_rmssd: 63, sleep_s: 25_200 });
    await deliver({ id: sleepId, type: 'recovery.updated' }).expect(200);
    await pollUntil(async () => (await processed('recovery.updated')) === 1, { what: 'the recovery event' });
    expect(await count(`daily_recovery WHERE athlete_id = $1 AND source = 'whoop'`, [team.athlete.id])).toBe(3);
    expect(whoop.server.requestsTo('GET', '/developer/v2/cycle/90003/recovery')).toHaveLength(2);
  });

  it('should refresh an access token WHOOP refuses (401), retry the fetch and rotate the stored tokens', async () => {
    const before = await connection();
    whoop.expireAccessTokens();
    const id = 'bbbbbbbb-0000-4000-8000-000000000002';
    whoop.workouts.set(id, workout(id, today(), { sport_name: 'cycling', start: `${today()}T08:00:00.000Z`, end: `${today()}T09:30:00.000Z` }));
    await deliver({ id, type: 'workout.updated' }).expect(200);
    expect(await pollUntil(async () => (await session(id)) ?? null, { what: 'the session after a refresh' })).toMatchObject({ sport: 'ride', duration_s: 5400 });
    const after = await connection();
    expect(after.access_token_sealed).not.toBe(before.access_token_sealed);
    expect(after.refresh_token_sealed).not.toBe(before.refresh_token_sealed);
    expect(whoop.refreshGrants()).toHaveLength(1);
    expect(whoop.server.requestsTo('GET', `/developer/v2/activity/workout/${id}`)).toHaveLength(2); // 401, then the retry
  });

  it('should revoke the connection when WHOOP refuses the refresh token (the member revoked the app), keeping the data', async () => {
    whoop.revokeAccess();
    const id = 'bbbbbbbb-0000-4000-8000-000000000003';
    whoop.workouts.set(id, workout(id, today()));
    await deliver({ id, type: 'workout.updated' }).expect(200);
    await pollUntil(async () => (await connection()).status === 'revoked', { what: 'the revocation' });
    expect(await connection()).toEqual({ status: 'revoked', access_token_sealed: null, refresh_token_sealed: null });
    expect(await session(id)).toBeUndefined();
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'whoop' AND NOT deleted`, [team.athlete.id])).toBeGreaterThan(0);
    // From now on the member is unknown: acknowledged, nothing stored.
    const after = await deliver({ id, type: 'workout.updated' }).expect(200);
    expect(after.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
  });

  it('should revoke the access at WHOOP and purge the synced data when an athlete disconnects', async () => {
    const other = await seedTeam(t, { name: 'Purge Me' });
    whoop.userId = 20202;
    whoop.workouts.clear();
    whoop.sleeps.clear();
    whoop.recoveries.clear();
    const id = 'cccccccc-0000-4000-8000-000000000001';
    whoop.workouts.set(id, { ...workout(id, addDays(today(), -4)), user_id: whoop.userId });
    const start = await api().post(`/api/athletes/${other.athlete.id}/connections/whoop`).set(auth()).send({}).expect(201);
    await api().get(`/oauth/whoop/callback?code=good-code&state=${new URL(start.body.authorizeUrl).searchParams.get('state')}`).expect(200);
    await pollUntil(async () => (await count(`sessions WHERE athlete_id = $1 AND provider = 'whoop'`, [other.athlete.id])) === 1, { what: 'the second backfill' });

    await api().delete(`/api/athletes/${other.athlete.id}/connections/whoop?purge=true`).set(auth()).expect(204);
    expect(whoop.server.requestsTo('DELETE', '/developer/v2/user/access')).toHaveLength(1);
    expect(await count(`sessions WHERE athlete_id = $1`, [other.athlete.id])).toBe(0);
    expect((await t.dataSource.query(`SELECT status FROM provider_connections WHERE athlete_id = $1`, [other.athlete.id]))[0].status).toBe('revoked');
  });
});
