import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

const JUNCTION_USER = '4a29dbc7-6db3-4c83-bfac-70a20a4be1b2';
const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
type Message = { event_type: string; user_id: string; data: Record<string, unknown> } & Record<string, unknown>;
const fixture = (name: string): Message => JSON.parse(readFileSync(join(__dirname, '../../fixtures/providers/junction', name), 'utf8'));

describe('Junction (Svix-signed webhook with whole summaries → sessions, recovery, metrics); no REST calls, so no fake server', () => {
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  const session = (id: string) => t.dataSource.query(`SELECT sport, avg_hr, duration_s, moving_time_s, distance_m, deleted, load FROM sessions WHERE provider = 'junction' AND external_id = $1`, [id]).then((r) => r[0]);
  const processed = () => count(`raw_events WHERE source = 'junction' AND status = 'processed'`);

  /** Svix-signed (webhooks.md §10b): v1,base64(HMAC-SHA256(base64decode(secret sans whsec_), `${id}.${ts}.${body}`)). */
  const deliver = (body: unknown, options: { id?: string; ts?: number; secret?: string; prefix?: 'svix' | 'webhook' } = {}) => {
    const raw = JSON.stringify(body);
    const id = options.id ?? `msg_${randomBytes(12).toString('hex')}`;
    const ts = String(options.ts ?? Math.floor(Date.now() / 1000));
    const key = Buffer.from((options.secret ?? SECRET).slice('whsec_'.length), 'base64');
    const signature = `v1,${createHmac('sha256', key).update(`${id}.${ts}.${raw}`).digest('base64')}`;
    const p = options.prefix ?? 'svix';
    return api().post('/webhooks/junction').set('content-type', 'application/json').set(`${p}-id`, id).set(`${p}-timestamp`, ts).set(`${p}-signature`, signature).send(raw);
  };
  /** The fixture's run, moved to `day`, with its own id and version. */
  const workout = (id: string, day: string, fields: Record<string, unknown> = {}, eventType = 'daily.data.workouts.created'): Message => {
    const message = fixture('junction_workout_created.json');
    return {
      ...message,
      event_type: eventType,
      data: { ...message.data, id, calendar_date: day, time_start: `${day}T06:02:11+00:00`, time_end: `${day}T06:54:03+00:00`, created_at: `${addDays(day, -1)}T08:12:00+00:00`, updated_at: `${addDays(day, -1)}T08:12:00+00:00`, ...fields },
    };
  };

  beforeAll(async () => {
    t = await startTestApp({}, { env: { JUNCTION_WEBHOOK_SECRET: SECRET } });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should link a Junction user and say that Junction has no backfill', async () => {
    const linked = await api().post(`/api/athletes/${team.athlete.id}/connections/junction/link`).set(auth()).send({ providerUserId: JUNCTION_USER }).expect(201);
    connectionId = linked.body.id;
    const list = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'not-supported' ? res.body : null;
      },
      { what: 'the backfill job to say not-supported' },
    );
    expect(list[0]).toMatchObject({ provider: 'junction', providerUserId: JUNCTION_USER, status: 'active', backfill: { status: 'not-supported' } });
  });

  it('should store a workout once per svix-id however often it is delivered, and show it in the metrics', async () => {
    const id = randomUUID();
    const message = workout(id, today());
    expect((await deliver(message, { id: 'msg_once' }).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    expect((await deliver(message, { id: 'msg_once' }).expect(200)).body).toEqual({ accepted: 0, duplicate: 1, ignored: 0 });
    const stored = await pollUntil(async () => (await session(id)) ?? null, { what: 'the Junction session' });
    expect(stored).toMatchObject({ sport: 'run', avg_hr: 156, duration_s: 3112, moving_time_s: 3012, distance_m: 10250.4, deleted: false });
    await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${today()}&to=${today()}`).set(auth()).expect(200);
        return stored.load > 0 && Math.abs((res.body.days[0]?.load ?? 0) - stored.load) < 1e-6;
      },
      { what: "today's load to include the Junction session" },
    );
  });

  it('should accept the Standard Webhooks header names (webhook-id, -timestamp, -signature) as well', async () => {
    const id = randomUUID();
    await deliver(workout(id, addDays(today(), -5)), { prefix: 'webhook' }).expect(200);
    expect(await pollUntil(async () => (await session(id)) ?? null, { what: 'the session sent with webhook-* headers' })).toMatchObject({ sport: 'run' });
  });

  it('should answer 401 to a wrong signature or a timestamp over five minutes off, 422 to a malformed body, and ignore a user it does not know', async () => {
    const before = await count('raw_events');
    const message = workout(randomUUID(), today());
    await deliver(message, { secret: `whsec_${randomBytes(24).toString('base64')}` }).expect(401);
    await deliver(message, { ts: Math.floor(Date.now() / 1000) - 301 }).expect(401);
    await deliver(message, { ts: Math.floor(Date.now() / 1000) + 301 }).expect(401);
    await api().post('/webhooks/junction').set('content-type', 'application/json').send(JSON.stringify(message)).expect(401);
    await deliver({ ...message, data: { ...message.data, time_start: 'whenever' } }).expect(422);
    expect((await deliver({ ...message, user_id: randomUUID() }).expect(200)).body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
    expect(await count('raw_events')).toBe(before);
  });

  it('should let the latest version of a workout replace it, and ignore an older version that arrives later', async () => {
    const id = randomUUID();
    await deliver(workout(id, addDays(today(), -1))).expect(200);
    await pollUntil(async () => (await session(id))?.avg_hr === 156, { what: 'the first version' });
    const later = workout(id, addDays(today(), -1), { average_hr: 149, distance: 9000, updated_at: new Date().toISOString() }, 'daily.data.workouts.updated');
    await deliver(later).expect(200);
    await pollUntil(async () => (await session(id))?.avg_hr === 149, { what: 'the updated version' });
    const before = await processed();
    // A retry of an older version, delivered after the newer one (a new svix-id: it is another message).
    const stale = workout(id, addDays(today(), -1), { average_hr: 170, updated_at: `${addDays(today(), -1)}T09:00:00+00:00` }, 'daily.data.workouts.updated');
    await deliver(stale).expect(200);
    await pollUntil(async () => (await processed()) === before + 1, { what: 'the stale version to be processed' });
    expect(await session(id)).toMatchObject({ avg_hr: 149, distance_m: 9000 });
  });

  it("should store the night's sleep as the day's recovery row, and leave naps out", async () => {
    const sleep = fixture('junction_sleep_created.json');
    sleep.data = { ...sleep.data, calendar_date: today() };
    expect((await deliver(sleep).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    const row = await pollUntil(
      async () => (await t.dataSource.query(`SELECT resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE athlete_id = $1 AND source = 'junction' AND date = $2`, [team.athlete.id, today()]))[0],
      { what: "today's Junction recovery" },
    );
    expect(row).toEqual({ resting_hr: 48, hrv_rmssd: 62.5, sleep_s: 26460 });
    const nap = { ...sleep, event_type: 'daily.data.sleep.created', data: { ...sleep.data, id: randomUUID(), type: 'acknowledged_nap', total: 1200, hr_resting: 60 } };
    expect((await deliver(nap).expect(200)).body).toEqual({ accepted: 0, duplicate: 0, ignored: 0 });
  });

  it('should acknowledge historical and connection events without storing them', async () => {
    const before = await count('raw_events');
    const historical = { event_type: 'historical.data.workouts.created', user_id: JUNCTION_USER, client_user_id: 'athlete-42', team_id: randomUUID(), data: { start_date: addDays(today(), -30), end_date: today(), provider: 'garmin' } };
    expect((await deliver(historical).expect(200)).body).toEqual({ accepted: 0, duplicate: 0, ignored: 0 });
    const connected = { event_type: 'provider.connection.created', user_id: JUNCTION_USER, data: { provider: { slug: 'garmin' } } };
    expect((await deliver(connected).expect(200)).body).toEqual({ accepted: 0, duplicate: 0, ignored: 0 });
    expect(await count('raw_events')).toBe(before);
    expect((await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status).toBe('active');
  });
});
