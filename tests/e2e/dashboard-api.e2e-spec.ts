import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { makeUser, signedIn } from '../setup/accounts';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../setup/test-app';

interface RosterRowBody {
  athleteId: string;
  name: string;
  shared: boolean;
  acwr: number | null;
  sparkline: number[];
  openAlerts: { kind: string }[];
  attention: { score: number };
}

// The data behind the pages, and the CSV exports, through the API.
describe('dashboard data and CSV exports (e2e)', () => {
  let t: TestApp;
  let team: SeededTeam;
  let other: SeededTeam;
  let coach: request.Agent;
  const api = () => request(t.app.getHttpServer());
  const operator = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const today = () => localDate(new Date(), 'UTC');

  beforeAll(async () => {
    t = await startTestApp();
    // A name a spreadsheet would run as a formula: the CSV must keep it as text.
    team = await seedTeam(t, { name: '=HYPERLINK("http://evil.example","Ann")', timezone: 'UTC' });
    other = await seedTeam(t, { name: 'Other Team Athlete', timezone: 'UTC' });
    const quiet = await t.roster.createAthlete(team.teamId, { name: 'Quiet Quinn', timezone: 'UTC' });
    const coachId = (await makeUser(t, { email: 'coach@csv.test', name: 'Coach Csv', role: 'coach', teamId: team.teamId })).id;
    for (const id of [team.athlete.id, quiet.id]) await api().post(`/api/athletes/${id}/consents`).set(operator()).send({ coachId }).expect(201);
    coach = await signedIn(t, 'coach@csv.test');
    for (let d = 34; d >= 0; d--) {
      const body = JSON.stringify({ type: 'session.upserted', data: { athleteId: team.athlete.id, externalId: `run-${d}`, startTime: `${addDays(today(), -d)}T07:00:00Z`, durationS: 3600, rpe: d < 4 ? 9 : 3 } });
      await api().post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);
    }
    await api().post(`/api/athletes/${team.athlete.id}/self-reports`).set(operator()).send({ date: today(), backPain: 8, redFlags: ['leg weakness'] }).expect(202);
    await pollUntil(async () => (await t.dataSource.query(`SELECT 1 FROM alerts WHERE athlete_id = $1 AND kind = 'back-pain'`, [team.athlete.id])).length > 0, { what: 'a back-pain alert' });
  });

  afterAll(async () => {
    await t?.close();
  });

  it("should list the coach's athletes with today's numbers, the busiest first", async () => {
    const res = await coach.get('/api/roster').expect(200);
    const rows = res.body as RosterRowBody[];
    expect(rows.map((r) => r.name)).toEqual(['=HYPERLINK("http://evil.example","Ann")', 'Quiet Quinn']);
    expect(rows[0].attention.score).toBeGreaterThan(rows[1].attention.score);
    expect(rows[0].acwr).toEqual(expect.any(Number));
    expect(rows[0].sparkline).toHaveLength(28);
    expect(rows[0].openAlerts.some((a) => a.kind === 'back-pain')).toBe(true);
    expect(rows[1]).toMatchObject({ shared: true, acwr: null, sparkline: [], openAlerts: [] });
  });

  it('should filter by alert kind and by team (admins), and refuse athletes', async () => {
    expect((await coach.get('/api/roster?alertKind=back-pain').expect(200)).body.map((r: RosterRowBody) => r.athleteId)).toEqual([team.athlete.id]);
    expect((await coach.get(`/api/roster?teamId=${other.teamId}`).expect(200)).body).toEqual([]);
    const admin = await api().get(`/api/roster?teamId=${other.teamId}`).set(operator()).expect(200);
    expect(admin.body.map((r: RosterRowBody) => r.athleteId)).toEqual([other.athlete.id]);
    await coach.get('/api/roster?alertKind=everything').expect(422);
    await makeUser(t, { email: 'ann@csv.test', name: 'Ann', role: 'athlete', teamId: team.teamId, athleteId: team.athlete.id });
    const athlete = await signedIn(t, 'ann@csv.test');
    await athlete.get('/api/roster').expect(403);
    await athlete.get('/api/roster.csv').expect(403);
  });

  it('should give the athlete page its data in one call', async () => {
    const res = await coach.get(`/api/athletes/${team.athlete.id}/dashboard?days=30`).expect(200);
    expect(res.body).toMatchObject({ athlete: { id: team.athlete.id }, to: today(), from: addDays(today(), -29) });
    expect(res.body.days.at(-1).date).toBe(today());
    expect(res.body.sessions).toHaveLength(30);
    expect(res.body.sessions[0]).toMatchObject({ date: today(), loadMethod: 'srpe', estimated: false });
    expect(res.body.selfReports).toEqual([expect.objectContaining({ date: today(), backPain: 8, redFlags: ['leg weakness'] })]);
    expect(res.body.alerts[0]).toMatchObject({ athleteId: team.athlete.id, recommendations: expect.any(Array), evidence: expect.any(Object) });
    expect(res.body.summary).toMatchObject({ sessions: 30, estimatedShare: 0 });
    await coach.get(`/api/athletes/${team.athlete.id}/dashboard?days=5`).expect(422);
    await coach.get(`/api/athletes/${team.athlete.id}/dashboard?days=5000`).expect(422);
  });

  it('should export the roster, daily metrics and sessions as CSV with formulas defused', async () => {
    const roster = await coach.get('/api/roster.csv').expect(200);
    expect(roster.headers['content-type']).toMatch(/^text\/csv/);
    expect(roster.headers['content-disposition']).toMatch(/attachment; filename="roster-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = roster.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('athlete,team,shared,date,acwr_ewma,acwr_band,acute_load,chronic_load,monotony,rest_day_ratio_7,rest_day_ratio_28,form,back_pain_tier,open_alerts,attention,last_sync');
    expect(lines).toHaveLength(3);
    expect(lines[1].startsWith(`"'=HYPERLINK(""http://evil.example"",""Ann"")"`)).toBe(true);

    const metrics = await coach.get(`/api/athletes/${team.athlete.id}/export/metrics.csv?days=30`).expect(200);
    const metricLines = metrics.text.trimEnd().split('\r\n');
    expect(metricLines[0].split(',').slice(0, 4)).toEqual(['date', 'load', 'state', 'acute7']);
    expect(metricLines.at(-1)?.startsWith(`${today()},`)).toBe(true);
    expect(metrics.headers['content-disposition']).toContain(`hyperlink-http-evil-example-ann-daily-metrics-${today()}.csv`);

    const sessions = await coach.get(`/api/athletes/${team.athlete.id}/export/sessions.csv`).expect(200);
    const sessionLines = sessions.text.trimEnd().split('\r\n');
    expect(sessionLines).toHaveLength(36);
    expect(sessionLines[1]).toMatch(new RegExp(`^${today()},${today()}T07:00:00.000Z,,standard:[^,]+,60,9,540,srpe,false,`));
  });
});
