import request from 'supertest';
import { PreferencesService, UnsubscribeTokens } from '@app/notifications';
import { startTestApp, TestApp } from '../setup/test-app';

// Preferences behind the operator token; one-click unsubscribe (RFC 8058) with only a signed token.
describe('notification preferences and one-click unsubscribe (e2e)', () => {
  let t: TestApp;
  let tokens: UnsubscribeTokens;
  const api = () => request(t.app.getHttpServer());
  const auth = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const rows = (email: string) => t.dataSource.query(`SELECT kind, mode, min_severity, quiet_start, quiet_end, timezone FROM notification_preferences WHERE email = $1 ORDER BY kind`, [email]);

  beforeAll(async () => {
    t = await startTestApp();
    tokens = t.app.get(UnsubscribeTokens);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should answer the defaults, store a change (address lower-cased) and read it back', async () => {
    const empty = await api().get('/api/preferences/Coach@Example.test').set(auth()).expect(200);
    expect(empty.body.email).toBe('coach@example.test');
    expect(empty.body.preferences).toHaveLength(3);
    expect(empty.body.preferences[0]).toMatchObject({ kind: 'overtraining', mode: 'immediate', minSeverity: 'info', quietStart: null, stored: false });

    const put = await api()
      .put('/api/preferences/Coach@Example.test')
      .set(auth())
      .send({ kind: 'back-pain', mode: 'immediate', minSeverity: 'warning', quietStart: '22:00', quietEnd: '07:00', timezone: 'Europe/Berlin' })
      .expect(200);
    expect(put.body).toMatchObject({ kind: 'back-pain', minSeverity: 'warning', quietStart: '22:00', quietEnd: '07:00', timezone: 'Europe/Berlin', stored: true });

    await api().put('/api/preferences/coach@example.test').set(auth()).send({ kind: 'back-pain', mode: 'digest' }).expect(200); // a partial change keeps the rest
    const read = await api().get('/api/preferences/coach@example.test').set(auth()).expect(200);
    expect(read.body.preferences.find((p: { kind: string }) => p.kind === 'back-pain')).toMatchObject({ mode: 'digest', minSeverity: 'warning', quietStart: '22:00', timezone: 'Europe/Berlin' });
    expect(await rows('coach@example.test')).toEqual([{ kind: 'back-pain', mode: 'digest', min_severity: 'warning', quiet_start: '22:00', quiet_end: '07:00', timezone: 'Europe/Berlin' }]);

    const plan = await t.app.get(PreferencesService).plan('COACH@example.test', { kind: 'back-pain', severity: 'high' }, new Date());
    expect(plan.action).toBe('digest');
  });

  it('should refuse invalid values with 422 and write nothing', async () => {
    const cases = [
      [{ kind: 'back-pain', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ kind: 'back-pain', quietStart: '25:00', quietEnd: '07:00' }, 'quietStart'],
      [{ kind: 'back-pain', quietStart: '22:00' }, 'quietStart'],
      [{ kind: 'back-pain', mode: 'sometimes' }, 'mode'],
      [{ kind: 'everything', mode: 'off' }, 'kind'],
      [{ kind: 'back-pain', minSeverity: 'critical' }, 'minSeverity'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await api().put('/api/preferences/new@example.test').set(auth()).send(body).expect(422);
      expect(res.body.error).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    await api().put('/api/preferences/not-an-address').set(auth()).send({ kind: 'digest', mode: 'off' }).expect(422);
    expect(await rows('new@example.test')).toEqual([]);
  });

  it('should require the bearer token for the preferences API', async () => {
    await api().get('/api/preferences/coach@example.test').expect(401);
    await api().put('/api/preferences/coach@example.test').send({ kind: 'digest', mode: 'off' }).expect(401);
  });

  it('should unsubscribe with one POST and no login, and answer 200 again on a second use', async () => {
    await api().put('/api/preferences/athlete@example.test').set(auth()).send({ kind: 'overtraining', minSeverity: 'warning', timezone: 'Europe/Berlin' }).expect(200);
    const token = tokens.sign({ email: 'Athlete@Example.test', kind: 'overtraining' });

    const first = await api().post(`/unsubscribe?token=${encodeURIComponent(token)}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(first.body).toEqual({ status: 'unsubscribed', kind: 'overtraining' });
    expect(await rows('athlete@example.test')).toEqual([{ kind: 'overtraining', mode: 'off', min_severity: 'warning', quiet_start: null, quiet_end: null, timezone: 'Europe/Berlin' }]);

    const again = await api().post(`/unsubscribe?token=${encodeURIComponent(token)}`).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(again.body).toEqual({ status: 'already-unsubscribed', kind: 'overtraining' });

    const plan = await t.app.get(PreferencesService).plan('athlete@example.test', { kind: 'overtraining', severity: 'high' }, new Date());
    expect(plan.action).toBe('drop');
  });

  it('should unsubscribe an address that has no stored preference yet', async () => {
    const token = tokens.sign({ email: 'fresh@example.test', kind: 'digest' });
    await api().post(`/unsubscribe?token=${encodeURIComponent(token)}`).expect(200);
    expect(await rows('fresh@example.test')).toEqual([{ kind: 'digest', mode: 'off', min_severity: 'info', quiet_start: null, quiet_end: null, timezone: 'UTC' }]);
  });

  it('should answer 400 to a tampered, foreign or missing token and change nothing', async () => {
    const token = tokens.sign({ email: 'victim@example.test', kind: 'back-pain' });
    const tampered = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6);
    const foreign = new UnsubscribeTokens('some-other-deployment-secret-0123456789').sign({ email: 'victim@example.test', kind: 'back-pain' });
    for (const bad of [tampered, foreign]) {
      const res = await api().post(`/unsubscribe?token=${encodeURIComponent(bad)}`).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'SIGNATURE_INVALID' });
      await api().get(`/unsubscribe?token=${encodeURIComponent(bad)}`).expect(400).expect('Content-Type', /text\/html/);
    }
    await api().post('/unsubscribe').expect(400);
    expect(await rows('victim@example.test')).toEqual([]);
  });

  it('should show a confirmation page on GET without login, and the GET changes nothing', async () => {
    const token = tokens.sign({ email: 'reader@example.test', kind: 'back-pain' });
    const res = await api().get(`/unsubscribe?token=${encodeURIComponent(token)}`).expect(200).expect('Content-Type', /text\/html/);
    expect(res.text).toContain('reader@example.test');
    expect(res.text).toContain('back-pain alerts');
    expect(res.text).toContain('<form method="post"');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(await rows('reader@example.test')).toEqual([]);

    // A browser submitting that form gets a page back.
    const done = await api().post(`/unsubscribe?token=${encodeURIComponent(token)}`).set('Accept', 'text/html').type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(done.text).toContain('You are unsubscribed');
  });

  it('should build RFC 8058 headers whose link unsubscribes', async () => {
    const headers = t.app.get(PreferencesService).unsubscribeHeaders('Header@Example.test', 'digest');
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = new URL(/^<(.+)>$/.exec(headers['List-Unsubscribe'])?.[1] as string);
    expect(`${url.origin}`).toBe(t.config.publicUrl);
    await api().post(`${url.pathname}${url.search}`).expect(200);
    expect((await rows('header@example.test'))[0]).toMatchObject({ kind: 'digest', mode: 'off' });
  });
});
