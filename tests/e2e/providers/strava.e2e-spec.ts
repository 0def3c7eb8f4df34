import request from 'supertest';
import { JobName, QueueName } from '@app/queue';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { FakeStrava } from '../../fakes/strava.fake';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

const PATH_TOKEN = 'strava-path-token-0123456789abcdef';
const VERIFY_TOKEN = 'strava-verify-token';
const SUBSCRIPTION_ID = '120475';

describe('Strava (webhook → fetch-back → metrics), against a fake Strava on 127.0.0.1', () => {
  const strava = new FakeStrava();
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;
  let eventTime = 1_800_000_000;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  const deliver = (event: Record<string, unknown>, token = PATH_TOKEN) =>
    api()
      .post(`/webhooks/strava/${token}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ owner_id: strava.athleteId, subscription_id: Number(SUBSCRIPTION_ID), updates: {}, event_time: eventTime++, ...event }));
  const session = (externalId: string) =>
    t.dataSource.query(`SELECT sport, rpe, avg_hr, duration_s, deleted, load, load_method FROM sessions WHERE provider = 'strava' AND external_id = $1`, [externalId]).then((r) => r[0]);

  beforeAll(async () => {
    await strava.start();
    const start = (daysAgo: number) => `${addDays(today(), -daysAgo)}T06:30:00Z`;
    for (let i = 0; i < 5; i++) {
      strava.activities.set(1000 + i, { id: 1000 + i, sport_type: 'Run', start_date: start(10 - i * 2), elapsed_time: 3600, moving_time: 3500, distance: 10000, average_heartrate: 150, perceived_exertion: 6 });
    }
    t = await startTestApp({}, { env: { ...strava.env(), STRAVA_PATH_TOKEN: PATH_TOKEN, STRAVA_VERIFY_TOKEN: VERIFY_TOKEN, STRAVA_SUBSCRIPTION_ID: SUBSCRIPTION_ID } });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
    await strava.stop();
  });

  it('should connect through OAuth, store the tokens sealed and backfill the last 90 days', async () => {
    const start = await api().post(`/api/athletes/${team.athlete.id}/connections/strava`).set(auth()).send({}).expect(201);
    const url = new URL(start.body.authorizeUrl);
    expect(url.origin + url.pathname).toBe(`${strava.server.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: strava.clientId, response_type: 'code', scope: 'read,activity:read_all' });
    const state = url.searchParams.get('state') as string;

    await api().get(`/oauth/strava/callback?code=bad-code&state=${state}`).expect((res) => expect(res.status).toBeGreaterThanOrEqual(400));
    // The state was used up by the failed attempt: a second try needs a new authorization.
    await api().get(`/oauth/strava/callback?code=good-code&state=${state}`).expect(422);
    const again = await api().post(`/api/athletes/${team.athlete.id}/connections/strava`).set(auth()).send({ purgeOnDisconnect: false }).expect(201);
    const state2 = new URL(again.body.authorizeUrl).searchParams.get('state');
    const done = await api().get(`/oauth/strava/callback?code=good-code&state=${state2}`).expect(200);
    connectionId = done.body.connectionId;

    const [row] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed, provider_user_id FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row.provider_user_id).toBe(String(strava.athleteId));
    expect(row.access_token_sealed).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toMatch(/at-[0-9a-f]{16}|rt-[0-9a-f]{16}/);

    const list = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'done' ? res.body : null;
      },
      { what: 'the backfill to finish' },
    );
    expect(list[0]).toMatchObject({ provider: 'strava', status: 'active', backfill: { status: 'done', sessions: 5, pages: 1 } });
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'strava'`, [team.athlete.id])).toBe(5);
    expect(await session('1000')).toMatchObject({ sport: 'run', rpe: 6, avg_hr: 150, load: 6 * (3500 / 60), load_method: 'srpe' });
  });

  it('should answer the subscription handshake only with the right verify token', async () => {
    const ok = await api().get(`/webhooks/strava/${PATH_TOKEN}?hub.mode=subscribe&hub.challenge=15f7d1a9&hub.verify_token=${VERIFY_TOKEN}`).expect(200);
    expect(ok.body).toEqual({ 'hub.challenge': '15f7d1a9' });
    await api().get(`/webhooks/strava/${PATH_TOKEN}?hub.mode=subscribe&hub.challenge=x&hub.verify_token=wrong`).expect(403);
  });

  it('should fetch a created activity once, however often the event is delivered', async () => {
    strava.activities.set(2001, { id: 2001, sport_type: 'WeightTraining', start_date: `${today()}T05:00:00Z`, elapsed_time: 2700, perceived_exertion: 8 });
    const event = { object_type: 'activity', object_id: 2001, aspect_type: 'create', event_time: eventTime++ };
    const first = await deliver(event).expect(200);
    expect(first.body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    const second = await deliver(event).expect(200);
    expect(second.body).toEqual({ accepted: 0, duplicate: 1, ignored: 0 });
    await pollUntil(async () => (await session('2001')) ?? null, { what: 'the session' });
    expect(await session('2001')).toMatchObject({ sport: 'strength', rpe: 8, load: 360, load_method: 'srpe' });
    expect(strava.server.requestsTo('GET', '/api/v3/activities/2001')).toHaveLength(1);
    // Sessions land before their recompute: wait for the day's metrics to include the new load.
    await pollUntil(
      async () => {
        const metrics = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${today()}&to=${today()}`).set(auth()).expect(200);
        return Math.abs((metrics.body.days[0]?.load ?? 0) - 360) < 1e-6;
      },
      { what: "today's load to be 360" },
    );
  });

  it('should store nothing for a wrong path token or malformed body, and ignore users it does not know', async () => {
    const before = await count('raw_events');
    await deliver({ object_type: 'activity', object_id: 2001, aspect_type: 'update' }, 'not-the-token-xxxxxxxxxxxxxxxxx').expect(401);
    await api().post(`/webhooks/strava/${PATH_TOKEN}`).set('content-type', 'application/json').send('{"object_type":').expect(400);
    await api().post(`/webhooks/strava/${PATH_TOKEN}`).set('content-type', 'application/json').send('{"object_type":"activity"}').expect(422);
    const stranger = await deliver({ object_type: 'activity', object_id: 5, aspect_type: 'create', owner_id: 1 }).expect(200);
    expect(stranger.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
    expect(await count('raw_events')).toBe(before);
  });

  it('should apply an update (re-fetched) and only a delete the API confirms', async () => {
    strava.activities.set(2001, { ...strava.activities.get(2001)!, sport_type: 'Run', distance: 5000 });
    await deliver({ object_type: 'activity', object_id: 2001, aspect_type: 'update', updates: { type: 'Run' } }).expect(200);
    await pollUntil(async () => (await session('2001'))?.sport === 'run', { what: 'the update' });

    // A forged delete: the activity is still on Strava, so nothing is deleted.
    await deliver({ object_type: 'activity', object_id: 2001, aspect_type: 'delete' }).expect(200);
    await pollUntil(async () => (await count(`raw_events WHERE event_type = 'activity.delete' AND status = 'processed'`)) === 1, { what: 'the forged delete' });
    expect((await session('2001')).deleted).toBe(false);

    strava.activities.delete(2001);
    await deliver({ object_type: 'activity', object_id: 2001, aspect_type: 'delete' }).expect(200);
    await pollUntil(async () => (await session('2001')).deleted === true, { what: 'the confirmed delete' });
    // The deleted session's load leaves the day's metrics.
    await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${today()}&to=${today()}`).set(auth());
        return res.body.days[0]?.load === 0;
      },
      { what: "today's load to drop to 0" },
    );
  });

  it('should refresh an access token the API refuses, and rotate the stored tokens', async () => {
    const [before] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    strava.expireAccessTokens();
    strava.activities.set(2002, { id: 2002, sport_type: 'Ride', start_date: `${today()}T07:00:00Z`, elapsed_time: 5400, perceived_exertion: 5 });
    await deliver({ object_type: 'activity', object_id: 2002, aspect_type: 'create' }).expect(200);
    await pollUntil(async () => (await session('2002')) ?? null, { what: 'the session after a refresh' });
    const [after] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(after.access_token_sealed).not.toBe(before.access_token_sealed);
    expect(after.refresh_token_sealed).not.toBe(before.refresh_token_sealed);
    expect(strava.server.requestsTo('POST', '/oauth/token').filter((r) => new URLSearchParams(r.body.toString()).get('grant_type') === 'refresh_token')).toHaveLength(1);
  });

  it('should revoke the connection only when Strava confirms the deauthorization, and purge on request', async () => {
    await deliver({ object_type: 'athlete', object_id: strava.athleteId, aspect_type: 'update', updates: { authorized: 'false' } }).expect(200);
    await pollUntil(async () => (await count(`raw_events WHERE event_type = 'athlete.update' AND status = 'processed'`)) === 1, { what: 'the forged deauth' });
    expect((await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status).toBe('active');

    strava.revokeAccess();
    await deliver({ object_type: 'athlete', object_id: strava.athleteId, aspect_type: 'update', updates: { authorized: 'false' } }).expect(200);
    await pollUntil(async () => (await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status === 'revoked', {
      what: 'the revocation',
    });
    const [row] = await t.dataSource.query(`SELECT access_token_sealed, refresh_token_sealed FROM provider_connections WHERE id = $1`, [connectionId]);
    expect(row).toEqual({ access_token_sealed: null, refresh_token_sealed: null });
    // Kept by default: the sessions stay.
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'strava'`, [team.athlete.id])).toBeGreaterThan(0);
  });

  it('should disconnect and purge the synced data when the athlete asks', async () => {
    const other = await seedTeam(t, { name: 'Purge Me' });
    // A different Strava account with its own activities.
    strava.athleteId = 55555;
    strava.activities.set(3000, { id: 3000, sport_type: 'Run', start_date: `${addDays(today(), -3)}T06:00:00Z`, elapsed_time: 2400, perceived_exertion: 5 });
    const start = await api().post(`/api/athletes/${other.athlete.id}/connections/strava`).set(auth()).send({}).expect(201);
    await api().get(`/oauth/strava/callback?code=good-code&state=${new URL(start.body.authorizeUrl).searchParams.get('state')}`).expect(200);
    await pollUntil(async () => (await count(`sessions WHERE athlete_id = $1`, [other.athlete.id])) > 0, { what: 'the backfill' });
    await api().delete(`/api/athletes/${other.athlete.id}/connections/strava?purge=true`).set(auth()).expect(204);
    expect(await count(`sessions WHERE athlete_id = $1`, [other.athlete.id])).toBe(0);
    expect(strava.server.requestsTo('POST', '/oauth/deauthorize').length).toBeGreaterThan(0);
    await pollUntil(async () => (await count(`daily_metrics WHERE athlete_id = $1`, [other.athlete.id])) === 0, { what: 'the metrics to go' });
  });
  it('should wait out a short Retry-After and park the job for a long one (last: the long wait blocks all Strava calls)', async () => {
    const third = await seedTeam(t, { name: 'Rate Limited' });
    strava.athleteId = 77777;
    const start = await api().post(`/api/athletes/${third.athlete.id}/connections/strava`).set(auth()).send({}).expect(201);
    await api().get(`/oauth/strava/callback?code=good-code&state=${new URL(start.body.authorizeUrl).searchParams.get('state')}`).expect(200);
    await pollUntil(async () => (await t.dataSource.query(`SELECT backfill_status FROM provider_connections WHERE athlete_id = $1`, [third.athlete.id]))[0]?.backfill_status === 'done', {
      what: 'the backfill',
    });
    strava.activities.set(2003, { id: 2003, sport_type: 'Swim', start_date: `${today()}T08:00:00Z`, elapsed_time: 1800, perceived_exertion: 4 });
    strava.rateLimitNext('1');
    await deliver({ object_type: 'activity', object_id: 2003, aspect_type: 'create' }).expect(200);
    await pollUntil(async () => (await session('2003')) ?? null, { what: 'the session after a short 429' });

    strava.activities.set(2004, { id: 2004, sport_type: 'Swim', start_date: `${today()}T09:00:00Z`, elapsed_time: 1800, perceived_exertion: 4 });
    strava.rateLimitNext('900');
    await deliver({ object_type: 'activity', object_id: 2004, aspect_type: 'create' }).expect(200);
    const queue = t.queue(QueueName.Ingest);
    const delayed = await pollUntil(async () => (await queue.getJobs(['delayed'])).find((j) => j?.name === String(JobName.NormalizeEvent)), { what: 'a delayed job' });
    expect(delayed.delay + delayed.timestamp).toBeGreaterThan(Date.now() + 800_000);
    expect(delayed.attemptsMade).toBe(0);
    expect(await session('2004')).toBeUndefined();
  });
});
