import request from 'supertest';
import { addDays, localDate } from '@app/training-load';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { linkTokenIn, makeUser, signedIn, TEST_PASSWORD } from '../setup/accounts';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../setup/test-app';

// Accounts, invitations, consent and the authorization rule of every kind of /api route.
describe('accounts and access (e2e)', () => {
  let t: TestApp;
  let home: SeededTeam;
  let away: SeededTeam;
  let coach: request.Agent;
  let awayCoach: request.Agent;
  let coachId: string;
  let invited: { athleteId: string; agent: request.Agent };
  let alertId: string;
  const api = () => request(t.app.getHttpServer());
  const operator = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const day = () => addDays(localDate(new Date(), 'UTC'), -1);
  const count = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(sql, params))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    home = await seedTeam(t, { name: 'Home Athlete', email: 'home@example.test', timezone: 'UTC' });
    away = await seedTeam(t, { name: 'Away Athlete', email: 'away@example.test', timezone: 'UTC' });
    coachId = (await makeUser(t, { email: 'Coach@Home.test', name: 'Coach Home', role: 'coach', teamId: home.teamId })).id;
    await makeUser(t, { email: 'coach@away.test', name: 'Coach Away', role: 'coach', teamId: away.teamId });
    coach = await signedIn(t, 'coach@home.test');
    awayCoach = await signedIn(t, 'coach@away.test');

    // The coach invites an athlete; the athlete accepts, sets a password and shares with the coach.
    const invite = await coach.post(`/api/teams/${home.teamId}/invites`).send({ email: 'Sana@Example.test', name: 'Sana Idris' }).expect(201);
    const token = await linkTokenIn(t, 'sana@example.test', '/invite');
    const agent = request.agent(t.app.getHttpServer());
    const me = await agent.post('/api/auth/invites/accept').send({ token, password: TEST_PASSWORD, shareWithCoach: true, timezone: 'UTC' }).expect(200);
    expect(me.body).toMatchObject({ role: 'athlete', athleteId: invite.body.athleteId, email: 'sana@example.test' });
    invited = { athleteId: invite.body.athleteId, agent };

    // A back-pain report that raises an alert on the invited athlete.
    for (let d = 3; d >= 1; d--) {
      await agent.post(`/api/athletes/${invited.athleteId}/self-reports`).send({ date: addDays(localDate(new Date(), 'UTC'), -d), backPain: 4 + d, backPainRegion: 'lower back', redFlags: ['numbness in the saddle area'] }).expect(202);
    }
    alertId = await pollUntil(async () => (await t.dataSource.query(`SELECT id FROM alerts WHERE athlete_id = $1 LIMIT 1`, [invited.athleteId]))[0]?.id as string | undefined, {
      what: 'an alert on the invited athlete',
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should not accept the same invitation twice', async () => {
    const token = await linkTokenIn(t, 'sana@example.test', '/invite');
    const again = await api().post('/api/auth/invites/accept').send({ token, password: TEST_PASSWORD, shareWithCoach: false }).expect(422);
    expect(again.body.error).toBe('VALIDATION_FAILED');
    expect(await count(`SELECT count(*)::int AS n FROM users WHERE email = 'sana@example.test'`)).toBe(1);
  });

  it('should refuse a wrong password with one message and no cookie', async () => {
    const res = await api().post('/api/auth/login').send({ email: 'coach@home.test', password: 'not the password' }).expect(401);
    expect(res.body).toMatchObject({ error: 'UNAUTHENTICATED', message: 'The email or password is not right' });
    expect(res.headers['set-cookie']).toBeUndefined();
    const nobody = await api().post('/api/auth/login').send({ email: 'nobody@home.test', password: 'not the password' }).expect(401);
    expect(nobody.body.message).toBe(res.body.message);
  });

  it('should set an httpOnly SameSite cookie and sign out', async () => {
    const res = await api().post('/api/auth/login').send({ email: 'coach@home.test', password: TEST_PASSWORD }).expect(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/lw_session=lws_/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const agent = await signedIn(t, 'coach@home.test');
    await agent.get('/api/auth/me').expect(200);
    await agent.post('/api/auth/logout').expect(204);
    await agent.get('/api/auth/me').expect(401);
  });

  it('should refuse a request without credentials', async () => {
    const res = await api().get(`/api/athletes/${home.athlete.id}/metrics`).expect(401);
    expect(res.body.error).toBe('UNAUTHENTICATED');
    await api().get(`/api/athletes/${home.athlete.id}/metrics`).set({ Authorization: 'Bearer lwt_forged' }).expect(401);
  });

  it("should let a coach read a consenting athlete and hide the data at once when consent is revoked", async () => {
    await coach.get(`/api/athletes/${invited.athleteId}/metrics`).expect(200);
    await coach.get(`/api/alerts?athleteId=${invited.athleteId}`).expect(200);
    await invited.agent.delete(`/api/athletes/${invited.athleteId}/consents/${coachId}`).expect(204);
    const refused = await coach.get(`/api/athletes/${invited.athleteId}/metrics`).expect(403);
    expect(refused.body.error).toBe('FORBIDDEN');
    await coach.post(`/api/alerts/${alertId}/acknowledge`).send({ note: 'seen' }).expect(403);
    expect((await coach.get('/api/alerts').expect(200)).body.map((a: { athleteId: string }) => a.athleteId)).not.toContain(invited.athleteId);
    const sharing = await invited.agent.get(`/api/athletes/${invited.athleteId}/consents`).expect(200);
    expect(sharing.body).toEqual([expect.objectContaining({ coachId, name: 'Coach Home', sharing: false })]);
    await invited.agent.post(`/api/athletes/${invited.athleteId}/consents`).send({ coachId }).expect(201);
    await coach.get(`/api/athletes/${invited.athleteId}/metrics`).expect(200);
  });

  it('should record who acknowledged an alert', async () => {
    const res = await coach.post(`/api/alerts/${alertId}/acknowledge`).send({ note: 'Physio booked' }).expect(200);
    expect(res.body.history.at(-1)).toMatchObject({ status: 'acknowledged', by: 'Coach Home <coach@home.test> (coach)', note: 'Physio booked' });
  });

  it('should answer 404 to a coach of another team, for every kind of route', async () => {
    const routes: [string, string, object?][] = [
      ['get', `/api/athletes/${invited.athleteId}/metrics`],
      ['get', `/api/athletes/${invited.athleteId}/alert-status`],
      ['get', `/api/athletes/${invited.athleteId}/connections`],
      ['patch', `/api/athletes/${invited.athleteId}`, { hrMax: 190 }],
      ['post', `/api/alerts/${alertId}/resolve`, { note: 'x' }],
      ['get', `/api/teams/${home.teamId}/invites`],
      ['post', `/api/teams/${home.teamId}/invites`, { email: 'x@example.test', name: 'X' }],
      ['put', `/api/teams/${home.teamId}/alert-thresholds`, {}],
    ];
    for (const [method, path, body] of routes) {
      const res = await (awayCoach as unknown as Record<string, (p: string) => request.Test>)[method](path).send(body);
      expect({ path, status: res.status, error: res.body.error }).toEqual({ path, status: 404, error: 'NOT_FOUND' });
    }
    expect((await awayCoach.get(`/api/alerts?status=acknowledged`).expect(200)).body).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM invites WHERE email = 'x@example.test'`)).toBe(0);
  });

  it('should keep an athlete to their own data and out of admin and coach actions', async () => {
    await invited.agent.get(`/api/athletes/${invited.athleteId}/metrics`).expect(200);
    await invited.agent.get(`/api/athletes/${home.athlete.id}/metrics`).expect(403); // teammate
    await invited.agent.get(`/api/athletes/${away.athlete.id}/metrics`).expect(404); // another team
    await invited.agent.post('/api/teams').send({ name: 'Mine' }).expect(403);
    await invited.agent.post(`/api/teams/${home.teamId}/invites`).send({ email: 'y@example.test', name: 'Y' }).expect(403);
    await invited.agent.get('/api/emails/attention').expect(403);
    await invited.agent.get('/api/preferences/coach@home.test').expect(403);
    await invited.agent.get('/api/preferences/sana@example.test').expect(200);
    expect(await count(`SELECT count(*)::int AS n FROM teams WHERE name = 'Mine'`)).toBe(0);
  });

  it('should let only the athlete decide consents and self-reports', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM self_reports WHERE athlete_id = $1`, [invited.athleteId]);
    await coach.post(`/api/athletes/${invited.athleteId}/self-reports`).send({ date: day(), backPain: 0 }).expect(403);
    await coach.post(`/api/athletes/${invited.athleteId}/consents`).send({ coachId }).expect(403);
    await coach.delete(`/api/athletes/${invited.athleteId}/consents/${coachId}`).expect(403);
    await coach.post(`/api/athletes/${invited.athleteId}/connections/strava`).send({}).expect(403);
    expect(await count(`SELECT count(*)::int AS n FROM self_reports WHERE athlete_id = $1`, [invited.athleteId])).toBe(before);
  });

  it('should refuse a cookie request from another site and change nothing', async () => {
    const res = await invited.agent.post(`/api/athletes/${invited.athleteId}/self-reports`).set('Origin', 'https://evil.example').send({ date: addDays(day(), -20), backPain: 9 }).expect(403);
    expect(res.body.error).toBe('FORBIDDEN');
    await invited.agent.post(`/api/athletes/${invited.athleteId}/self-reports`).set('Sec-Fetch-Site', 'cross-site').send({ date: addDays(day(), -20), backPain: 9 }).expect(403);
    expect(await count(`SELECT count(*)::int AS n FROM self_reports WHERE athlete_id = $1 AND date = $2`, [invited.athleteId, addDays(day(), -20)])).toBe(0);
  });

  it('should issue, use and revoke a personal API token', async () => {
    const created = await coach.post('/api/auth/tokens').send({ label: 'sheet' }).expect(201);
    expect(created.body.token).toMatch(/^lwt_/);
    const bearer = { Authorization: `Bearer ${created.body.token}` };
    expect((await api().get('/api/auth/me').set(bearer).expect(200)).body).toMatchObject({ role: 'coach', email: 'coach@home.test' });
    await api().get(`/api/athletes/${away.athlete.id}/metrics`).set(bearer).expect(404);
    const [stored] = await t.dataSource.query(`SELECT token_hash FROM auth_tokens WHERE id = $1`, [created.body.id]);
    expect(stored.token_hash).not.toContain(created.body.token);
    await coach.delete(`/api/auth/tokens/${created.body.id}`).expect(204);
    await api().get('/api/auth/me').set(bearer).expect(401);
  });

  it('should reset a password by email, end the other sessions, and use each link once', async () => {
    const other = await signedIn(t, 'coach@away.test');
    await api().post('/api/auth/password-reset').send({ email: 'nobody@example.test' }).expect(202);
    await api().post('/api/auth/password-reset').send({ email: 'COACH@away.test' }).expect(202);
    const token = await linkTokenIn(t, 'coach@away.test', '/reset-password');
    await api().post('/api/auth/password-reset/confirm').send({ token, password: 'short' }).expect(422);
    const agent = request.agent(t.app.getHttpServer());
    await agent.post('/api/auth/password-reset/confirm').send({ token, password: 'a brand new passphrase' }).expect(200);
    await agent.get('/api/auth/me').expect(200);
    await other.get('/api/auth/me').expect(401);
    await api().post('/api/auth/password-reset/confirm').send({ token, password: 'another passphrase!' }).expect(422);
    await api().post('/api/auth/login').send({ email: 'coach@away.test', password: TEST_PASSWORD }).expect(401);
    awayCoach = await signedIn(t, 'coach@away.test', 'a brand new passphrase');
  });

  it('should send a new coach an email to set a password', async () => {
    const res = await api().post(`/api/teams/${away.teamId}/coaches`).set(operator()).send({ name: 'New Coach', email: 'new.coach@away.test' }).expect(201);
    expect(res.body.role).toBe('coach');
    const token = await linkTokenIn(t, 'new.coach@away.test', '/reset-password');
    await api().post('/api/auth/password-reset/confirm').send({ token, password: 'my first password' }).expect(200);
    await signedIn(t, 'new.coach@away.test', 'my first password');
  });

  it('should slow down password guessing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await api().post('/api/auth/login').send({ email: 'guess@home.test', password: `guess ${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('should still accept signed webhooks without a login', async () => {
    const body = JSON.stringify({ type: 'session.upserted', data: { athleteId: home.athlete.id, externalId: 'open-door', startTime: `${day()}T07:00:00Z`, durationS: 1800, rpe: 5 } });
    await api().post('/webhooks/standard').set(standardWebhookHeaders(home.secret, body)).send(body).expect(202);
    await api().get('/health').expect(200);
  });
});
