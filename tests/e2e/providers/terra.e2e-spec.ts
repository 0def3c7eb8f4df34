import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { FakeTerra } from '../../fakes/terra.fake';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../../setup/test-app';

const TERRA_USER = 'b1dbd691-8140-4071-9df1-8c47283bd0fa';
type Item = Record<string, unknown> & { metadata: Record<string, unknown> };
const fixture = (name: string): { data: Item[] } & Record<string, unknown> => JSON.parse(readFileSync(join(__dirname, '../../fixtures/providers/terra', name), 'utf8'));

describe('Terra (signed webhook with the data in the body → sessions, recovery, metrics), history through a fake Terra REST API', () => {
  const terra = new FakeTerra();
  let t: TestApp;
  let team: SeededTeam;
  let connectionId: string;

  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const count = async (sql: string, params: unknown[] = []) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n);
  const today = () => localDate(new Date(), 'Europe/Berlin');
  const nowS = () => Math.floor(Date.now() / 1000);
  const session = (summaryId: string) =>
    t.dataSource.query(`SELECT sport, avg_hr, duration_s, moving_time_s, distance_m, deleted, load FROM sessions WHERE provider = 'terra' AND external_id = $1`, [`GARMIN:${summaryId}`]).then((r) => r[0]);
  const processed = (type: string) => count(`raw_events WHERE source = 'terra' AND event_type = $1 AND status = 'processed'`, [type]);
  const todaysLoad = async () => (await api().get(`/api/athletes/${team.athlete.id}/metrics?from=${today()}&to=${today()}`).set(auth()).expect(200)).body.days[0]?.load ?? 0;

  /** Signed as webhooks.md §9b says Terra signs: t=<unix s>,v1=hex(HMAC-SHA256(secret, `${t}.${body}`)). */
  const deliver = (body: unknown, options: { t?: number; secret?: string; reference?: string } = {}) => {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const ts = options.t ?? nowS();
    const v1 = createHmac('sha256', options.secret ?? terra.signingSecret).update(`${ts}.${raw}`).digest('hex');
    return api()
      .post('/webhooks/terra')
      .set('content-type', 'application/json')
      .set('terra-signature', `t=${ts},v1=${v1}`)
      .set('terra-reference', options.reference ?? randomUUID())
      .send(raw);
  };
  const envelope = (type: string, data: unknown[], userId = TERRA_USER) => ({
    type,
    version: '2022-03-16',
    user: { user_id: userId, provider: 'GARMIN', reference_id: 'athlete-42', last_webhook_update: new Date().toISOString(), scopes: null, active: true },
    data,
  });
  /** The fixture's Garmin run (or strength session), moved to `day`. */
  const activity = (summaryId: string, day: string, which = 0, changes: (item: Item) => void = () => undefined): Item => {
    const item = fixture('terra_activity_garmin.json').data[which];
    const [start, end] = which === 0 ? ['06:02:11', '06:54:03'] : ['17:00:00', '17:45:00'];
    item.metadata = { ...item.metadata, summary_id: summaryId, start_time: `${day}T${start}.000000+00:00`, end_time: `${day}T${end}.000000+00:00` };
    changes(item);
    return item;
  };

  beforeAll(async () => {
    await terra.start();
    t = await startTestApp({}, { env: terra.env() });
    team = await seedTeam(t);
  });

  afterAll(async () => {
    await t?.close();
    await terra.stop();
  });

  it('should link a Terra user and ask Terra for 90 days of activity, sleep and daily data, then store the history it sends by webhook', async () => {
    const linked = await api().post(`/api/athletes/${team.athlete.id}/connections/terra/link`).set(auth()).send({ providerUserId: TERRA_USER }).expect(201);
    connectionId = linked.body.id;
    expect(linked.body).toMatchObject({ provider: 'terra', providerUserId: TERRA_USER, status: 'active' });
    const list = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${team.athlete.id}/connections`).set(auth()).expect(200);
        return res.body[0]?.backfill.status === 'done' ? res.body : null;
      },
      { what: 'the Terra history requests' },
    );
    expect(list[0]).toMatchObject({ provider: 'terra', backfill: { status: 'done', pages: 3, sessions: 0 } });
    const requests = terra.historyRequests();
    expect(requests.map((r) => r.path)).toEqual(['/v2/activity', '/v2/sleep', '/v2/daily']);
    for (const r of requests) {
      expect(Object.fromEntries(r.query)).toEqual({ user_id: TERRA_USER, start_date: addDays(today(), -90), to_webhook: 'true', with_samples: 'false' });
    }

    // Terra answers the request by webhook, under the request's reference.
    const history = envelope('activity', [activity('hist-1', addDays(today(), -30)), activity('hist-2', addDays(today(), -20), 1)]);
    expect((await deliver(history, { reference: terra.references[0] }).expect(200)).body).toEqual({ accepted: 2, duplicate: 0, ignored: 0 });
    await pollUntil(async () => (await count(`sessions WHERE athlete_id = $1 AND provider = 'terra'`, [team.athlete.id])) === 2, { what: 'the history sessions' });
    expect(await session('hist-1')).toMatchObject({ sport: 'run', avg_hr: 156, duration_s: 3112, moving_time_s: 3012, distance_m: 10250.4 });
    expect(await session('hist-2')).toMatchObject({ sport: 'strength', duration_s: 2700 });
  });

  it('should store each activity once however often the delivery comes, and show it in the metrics', async () => {
    const body = envelope('activity', [activity('today-run', today()), activity('today-lift', today(), 1)]);
    const reference = randomUUID();
    expect((await deliver(body, { reference }).expect(200)).body).toEqual({ accepted: 2, duplicate: 0, ignored: 0 });
    expect((await deliver(body, { reference }).expect(200)).body).toEqual({ accepted: 0, duplicate: 2, ignored: 0 });
    const run = await pollUntil(async () => (await session('today-run')) ?? null, { what: 'the run' });
    const lift = await pollUntil(async () => (await session('today-lift')) ?? null, { what: 'the lift' });
    await pollUntil(async () => Math.abs((await todaysLoad()) - (run.load + lift.load)) < 1e-6, { what: "today's load to include both sessions" });
    expect(run.load + lift.load).toBeGreaterThan(0);
  });

  it('should answer 401 to a wrong signature or a stale t, 422 to a malformed body, and ignore a Terra user it does not know', async () => {
    const before = await count('raw_events');
    const body = envelope('activity', [activity('nope-1', today())]);
    await deliver(body, { secret: 'not-the-signing-secret' }).expect(401);
    await deliver(body, { t: nowS() - 301 }).expect(401);
    await api().post('/webhooks/terra').set('content-type', 'application/json').send(JSON.stringify(body)).expect(401);
    await deliver({ ...body, data: [{ metadata: { summary_id: 'x' } }] }).expect(422);
    const stranger = await deliver(envelope('activity', [activity('nope-2', today())], 'someone-else')).expect(200);
    expect(stranger.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
    expect(await count('raw_events')).toBe(before);
    expect(await session('nope-1')).toBeUndefined();
  });

  it("should store the night's sleep as the day's recovery row, leave the nap out, and let the daily resting HR complete it", async () => {
    const sleep = fixture('terra_sleep_oura.json');
    sleep.data[0].metadata = { ...sleep.data[0].metadata, start_time: `${addDays(today(), -1)}T23:04:30.000000+01:00`, end_time: `${today()}T07:12:00.000000+01:00` };
    const res = await deliver(envelope('sleep', sleep.data)).expect(200);
    expect(res.body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    const row = await pollUntil(
      async () => (await t.dataSource.query(`SELECT resting_hr, hrv_rmssd, sleep_s FROM daily_recovery WHERE athlete_id = $1 AND source = 'terra' AND date = $2`, [team.athlete.id, today()]))[0],
      { what: "today's Terra recovery" },
    );
    expect(row).toEqual({ resting_hr: 48, hrv_rmssd: 62.5, sleep_s: 26460 });
    // The day's summary brings its own resting HR; the night's HRV and sleep stay.
    const daily = fixture('terra_daily_garmin.json');
    daily.data[0].metadata = { ...daily.data[0].metadata, start_time: `${today()}T00:00:00.000000+01:00`, end_time: `${addDays(today(), 1)}T00:00:00.000000+01:00` };
    expect((await deliver(daily).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    await pollUntil(
      async () => (await t.dataSource.query(`SELECT resting_hr FROM daily_recovery WHERE athlete_id = $1 AND source = 'terra' AND date = $2`, [team.athlete.id, today()]))[0]?.resting_hr === 49,
      { what: "the daily summary's resting HR" },
    );
    expect((await t.dataSource.query(`SELECT hrv_rmssd, sleep_s FROM daily_recovery WHERE athlete_id = $1 AND source = 'terra' AND date = $2`, [team.athlete.id, today()]))[0]).toEqual({
      hrv_rmssd: 62.5,
      sleep_s: 26460,
    });
  });

  it('should replace a session with a later version and ignore an older one that arrives after it', async () => {
    await deliver(envelope('activity', [activity('today-run', today(), 0, (i) => ((i.heart_rate_data as { summary: { avg_hr_bpm: number } }).summary.avg_hr_bpm = 162))])).expect(200);
    await pollUntil(async () => (await session('today-run'))?.avg_hr === 162, { what: 'the later version' });
    const before = await processed('activity');
    const older = envelope('activity', [activity('today-run', today(), 0, (i) => ((i.heart_rate_data as { summary: { avg_hr_bpm: number } }).summary.avg_hr_bpm = 149))]);
    await deliver(older, { t: nowS() - 120 }).expect(200); // signed two minutes earlier, delivered late
    await pollUntil(async () => (await processed('activity')) === before + 1, { what: 'the older version to be processed' });
    expect((await session('today-run')).avg_hr).toBe(162);
  });

  it('should delete a session Terra marks deleted (upload_type 4) and drop its load', async () => {
    const lift = await session('today-lift');
    await deliver(envelope('activity', [activity('today-lift', today(), 1, (i) => (i.metadata.upload_type = 4))])).expect(200);
    await pollUntil(async () => (await session('today-lift')).deleted === true, { what: 'the delete' });
    const run = await session('today-run');
    await pollUntil(async () => Math.abs((await todaysLoad()) - run.load) < 1e-6, { what: "today's load without the lift" });
    expect(lift.load).toBeGreaterThan(0);
  });

  it('should revoke the connection on a signed deauth, keep the data, and ignore the user afterwards', async () => {
    const deauth = { user: { last_webhook_update: null, provider: 'GARMIN', user_id: TERRA_USER, scopes: null }, type: 'deauth', status: 'success', message: 'User has deauthenticated', version: '2022-03-16' };
    expect((await deliver(deauth).expect(200)).body).toEqual({ accepted: 1, duplicate: 0, ignored: 0 });
    await pollUntil(async () => (await t.dataSource.query(`SELECT status FROM provider_connections WHERE id = $1`, [connectionId]))[0].status === 'revoked', {
      what: 'the revocation',
    });
    expect(await count(`sessions WHERE athlete_id = $1 AND provider = 'terra' AND NOT deleted`, [team.athlete.id])).toBe(3);
    const after = await deliver(envelope('activity', [activity('after-deauth', today())])).expect(200);
    expect(after.body).toEqual({ accepted: 0, duplicate: 0, ignored: 1 });
  });
});
