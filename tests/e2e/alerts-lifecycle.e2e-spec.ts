import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil, SmtpSink, standardWebhookHeaders } from '@app/testing';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../setup/test-app';

interface AlertBody {
  id: string;
  ruleId: string;
  status: string;
  title: string;
  message: string;
  recommendations: string[];
}

// Self-report → metrics recomputed → alert opened → acknowledged → resolved, all through the API.
describe('alerts from self-report, through the API (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let team: SeededTeam;
  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const today = () => localDate(new Date(), 'UTC');
  const alertsOf = async (athleteId: string) => (await api().get(`/api/alerts?athleteId=${athleteId}`).set(auth()).expect(200)).body as AlertBody[];

  beforeAll(async () => {
    smtp = new SmtpSink();
    t = await startTestApp({ smtpUrl: await smtp.start() });
    team = await seedTeam(t, { name: 'Jo Park', email: 'jo@example.test', timezone: 'UTC' });
    const coach = await t.roster.createCoach(team.teamId, 'Coach Kim', `kim-${team.teamId}@example.test`);
    await api().post(`/api/athletes/${team.athlete.id}/consents`).set(auth()).send({ coachId: coach.id }).expect(201);
    // A coach without the athlete's consent gets nothing.
    await t.roster.createCoach(team.teamId, 'Coach Without Consent', `other-${team.teamId}@example.test`);
    // Four calm weeks of easy runs so the load rules have history and stay quiet.
    for (let d = 30; d >= 1; d--) {
      if (d % 7 === 3) continue;
      const body = JSON.stringify({ type: 'session.upserted', data: { athleteId: team.athlete.id, externalId: `easy-${d}`, startTime: `${addDays(today(), -d)}T07:00:00Z`, durationS: 2700, rpe: 4 } });
      await api().post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);
    }
    await pollUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM raw_events WHERE status = 'processed'`))[0].n === 26, { what: 'the history' });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('should say why ratio rules are silent for a new athlete', async () => {
    const other = await seedTeam(t, { timezone: 'UTC' });
    const body = JSON.stringify({ type: 'session.upserted', data: { athleteId: other.athlete.id, externalId: 'first', startTime: `${today()}T07:00:00Z`, durationS: 3600, rpe: 6 } });
    await api().post('/webhooks/standard').set(standardWebhookHeaders(other.secret, body)).send(body).expect(202);
    const status = await pollUntil(
      async () => {
        const res = await api().get(`/api/athletes/${other.athlete.id}/alert-status`).set(auth()).expect(200);
        const spike = res.body.rules.find((r: { ruleId: string }) => r.ruleId === 'load-spike');
        // Until the day's metrics exist the rule says so; then it says why it still cannot judge.
        return spike?.state === 'suppressed' && !/no daily metrics/.test(spike.reason) ? res.body : null;
      },
      { what: 'the load-spike rule to be suppressed for warm-up' },
    );
    const spike = status.rules.find((r: { ruleId: string }) => r.ruleId === 'load-spike');
    expect(spike.reason).toMatch(/warm-up|28 days/);
  });

  it('should refer to a physical therapist after three days of back pain, then take acknowledge and resolve with notes', async () => {
    for (const d of [2, 1, 0]) {
      await api().post(`/api/athletes/${team.athlete.id}/self-reports`).set(auth()).send({ date: addDays(today(), -d), backPain: 5, backPainRegion: 'lower back' }).expect(202);
    }
    const referral = await pollUntil(async () => (await alertsOf(team.athlete.id)).find((a) => a.ruleId === 'back-pain-referral' && a.status === 'open'), {
      what: 'the referral alert',
    });
    expect(referral).toMatchObject({ kind: 'back-pain', severity: 'high' });
    expect(referral.message).toMatch(/physical therapist|doctor/i);
    expect(referral.message).not.toMatch(/probability|% chance|you have/i);
    expect(referral.recommendations.length).toBeGreaterThan(0);

    // Athlete and coach each get one email for it.
    await pollUntil(() => Promise.resolve(smtp.messages.filter((m) => m.subject?.includes(referral.title)).length === 2), { what: 'two referral emails' });
    const recipients = smtp.messages.filter((m) => m.subject?.includes(referral.title)).map((m) => (m.to && 'text' in m.to ? m.to.text : ''));
    expect(recipients.sort()).toEqual([`jo@example.test`, `kim-${team.teamId}@example.test`].sort());

    const acked = await api().post(`/api/alerts/${referral.id}/acknowledge`).set(auth()).send({ note: 'Booked with the physio for Thursday' }).expect(200);
    expect(acked.body.status).toBe('acknowledged');
    expect(acked.body.history.at(-1)).toMatchObject({ status: 'acknowledged', by: 'operator (API token)', note: 'Booked with the physio for Thursday' });
    await api().post(`/api/alerts/${referral.id}/acknowledge`).set(auth()).send({}).expect(409);
    await api().post(`/api/alerts/${referral.id}/snooze`).set(auth()).send({ until: '2020-01-01T00:00:00Z' }).expect(422);

    const resolved = await api().post(`/api/alerts/${referral.id}/resolve`).set(auth()).send({ note: 'Physio saw it: muscular, cleared' }).expect(200);
    expect(resolved.body.status).toBe('resolved');
    await api().post(`/api/alerts/${referral.id}/resolve`).set(auth()).send({}).expect(409);
    const [row] = await t.dataSource.query(`SELECT status, history FROM alerts WHERE id = $1`, [referral.id]);
    expect(row.status).toBe('resolved');
    expect(row.history.map((h: { status: string }) => h.status)).toEqual(['open', 'acknowledged', 'resolved']);
  });

  it('should grant and revoke consent only for coaches of the athlete’s team', async () => {
    const other = await seedTeam(t);
    const stranger = await t.roster.createCoach(other.teamId, 'Stranger', `stranger-${other.teamId}@example.test`);
    await api().post(`/api/athletes/${team.athlete.id}/consents`).set(auth()).send({ coachId: stranger.id }).expect(422);
    const coach = await t.roster.createCoach(team.teamId, 'Coach Lee', `lee-${team.teamId}@example.test`);
    await api().post(`/api/athletes/${team.athlete.id}/consents`).set(auth()).send({ coachId: coach.id }).expect(201);
    await api().post(`/api/athletes/${team.athlete.id}/consents`).set(auth()).send({ coachId: coach.id }).expect(201); // idempotent
    await api().delete(`/api/athletes/${team.athlete.id}/consents/${coach.id}`).set(auth()).expect(204);
    await api().delete(`/api/athletes/${team.athlete.id}/consents/${coach.id}`).set(auth()).expect(404);
    const rows = await t.dataSource.query(`SELECT revoked_at FROM coach_consents WHERE coach_id = $1`, [coach.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].revoked_at).not.toBeNull();
  });

  it('should validate team threshold overrides and store good ones', async () => {
    const bad = await api().put(`/api/teams/${team.teamId}/alert-thresholds`).set(auth()).send({ loadSpikeHigh: -1 }).expect(422);
    expect(bad.body.message).toMatch(/loadSpike/);
    const keys = Object.keys((await api().put(`/api/teams/${team.teamId}/alert-thresholds`).set(auth()).send({}).expect(200)).body.effective);
    const key = keys.find((k) => /spike/i.test(k) && /high/i.test(k)) as string;
    const ok = await api().put(`/api/teams/${team.teamId}/alert-thresholds`).set(auth()).send({ [key]: 1.6 }).expect(200);
    expect(ok.body.effective[key]).toBe(1.6);
  });
});
