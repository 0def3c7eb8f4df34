import path from 'node:path';
import request from 'supertest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays, localDate } from '@app/training-load';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { linkTokenIn, makeUser, TEST_PASSWORD } from '../setup/accounts';
import { ARTIFACTS, chartPoints, launchChromium, listen, pageScrollWidth, signInThroughForm, waitForChart, watchErrors } from '../setup/browser';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../setup/test-app';

const ATHLETE_CHARTS = ['#chart-load', '#chart-acwr', '#chart-pmc', '#chart-monotony', '#chart-rest', '#chart-hrv', '#chart-rhr', '#chart-wellness'];

// The dashboard in Debian's Chromium: a coach runs the team, an athlete reports, nobody crosses teams.
describe('dashboard in a real browser (e2e)', () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl: string;
  let home: SeededTeam;
  let away: SeededTeam;
  let calm: string;
  let hidden: string;
  let coachId: string;
  const api = () => request(t.app.getHttpServer());
  const operator = () => ({ Authorization: `Bearer ${t.config.apiToken}` });
  const today = () => localDate(new Date(), 'UTC');
  const contexts: BrowserContext[] = [];

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const page = await context.newPage();
    return { page, errors: watchErrors(page) };
  }

  async function send(team: SeededTeam, event: object): Promise<void> {
    const body = JSON.stringify(event);
    await api().post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);
  }

  /** Five weeks of sessions and recovery readings; `rpe` sets how hard. */
  async function history(team: SeededTeam, athleteId: string, rpe: (daysAgo: number) => number): Promise<number> {
    let events = 0;
    for (let d = 70; d >= 1; d--) {
      const date = addDays(today(), -d);
      await send(team, { type: 'recovery.upserted', data: { athleteId, date, restingHr: 48 + (d % 3), hrvRmssd: 70 + (d % 5) * 3, sleepS: 26_000 + (d % 4) * 900 } });
      events++;
      if (d % 7 === 0) continue;
      await send(team, { type: 'session.upserted', data: { athleteId, externalId: `s-${athleteId}-${d}`, startTime: `${date}T07:00:00Z`, durationS: 3000, rpe: rpe(d), sport: 'run' } });
      events++;
    }
    return events;
  }

  beforeAll(async () => {
    t = await startTestApp({}, { env: { STRAVA_CLIENT_ID: 'dash-client', STRAVA_CLIENT_SECRET: 'dash-secret' } });
    baseUrl = await listen(t);
    browser = await launchChromium();
    home = await seedTeam(t, { name: 'Riley Stone', email: 'riley@example.test', timezone: 'UTC' });
    away = await seedTeam(t, { name: 'Away Athlete', email: 'away@example.test', timezone: 'UTC' });
    calm = (await t.roster.createAthlete(home.teamId, { name: 'Casey Moore', timezone: 'UTC' })).id;
    hidden = (await t.roster.createAthlete(home.teamId, { name: 'Hidden Hart', timezone: 'UTC' })).id;
    coachId = (await makeUser(t, { email: 'coach@dash.test', name: 'Coach Dash', role: 'coach', teamId: home.teamId })).id;
    await makeUser(t, { email: 'coach@away-dash.test', name: 'Coach Away', role: 'coach', teamId: away.teamId });
    for (const athleteId of [home.athlete.id, calm]) await api().post(`/api/athletes/${athleteId}/consents`).set(operator()).send({ coachId }).expect(201);

    // Riley: steady, then a hard last week (load spike); Casey: steady.
    let events = await history(home, home.athlete.id, (d) => (d <= 7 ? 9 : 4));
    events += await history(home, calm, () => 4);
    for (let d = 3; d >= 1; d--) {
      await api().post(`/api/athletes/${home.athlete.id}/self-reports`).set(operator())
        .send({ date: addDays(today(), -d), backPain: 4 + d, backPainRegion: 'lower back', redFlags: d === 1 ? ['leg weakness'] : [], wellness: { sleepQuality: 2, fatigue: 2, stress: 3, soreness: 2, mood: 3 } }).expect(202);
    }
    await pollUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM raw_events WHERE status = 'processed'`))[0].n >= events, { what: 'the history', timeoutMs: 60_000 });
    await pollUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM alerts WHERE athlete_id = $1 AND severity = 'high'`, [home.athlete.id]))[0].n > 0, {
      what: "Riley's high alert",
    });
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('should let a coach sign in, see the roster sorted by attention, and draw a sparkline per athlete', async () => {
    const { page, errors } = await newPage();
    await signInThroughForm(page, baseUrl, 'coach@dash.test', TEST_PASSWORD, '/roster');
    expect(new URL(page.url()).pathname).toBe('/roster');
    const order = await page.$$eval('#roster tbody tr', (rows) => rows.map((r) => ({ id: r.getAttribute('data-athlete'), attention: Number(r.getAttribute('data-attention') ?? -1) })));
    expect(order.map((r) => r.id)).toEqual([home.athlete.id, calm, hidden]);
    expect(order[0].attention).toBeGreaterThan(order[1].attention);
    expect(await page.textContent(`#roster tr[data-athlete="${hidden}"]`)).toContain('Invited, not signed up yet');
    await waitForChart(page, `tr[data-athlete="${calm}"] canvas.sparkline`);
    expect(await chartPoints(page, `tr[data-athlete="${home.athlete.id}"] canvas.sparkline`)).toBeGreaterThanOrEqual(20);
    expect(await page.textContent(`tr[data-athlete="${home.athlete.id}"] .badge.sev-high`)).toBeTruthy();
    await page.screenshot({ path: path.join(ARTIFACTS, 'roster-desktop.png'), fullPage: true });
    await page.selectOption('#alert-kind', 'back-pain');
    await page.waitForURL(/alertKind=back-pain/);
    expect(await page.$$eval('#roster tbody tr', (rows) => rows.map((r) => r.getAttribute('data-athlete')))).toEqual([home.athlete.id]);
    expect(errors).toEqual([]);
  });

  it('should open an athlete with every chart drawn from data, and acknowledge an alert with a note', async () => {
    const { page, errors } = await newPage();
    await signInThroughForm(page, baseUrl, 'coach@dash.test', TEST_PASSWORD, '/roster');
    await Promise.all([page.waitForURL(`**/athletes/${home.athlete.id}`), page.click(`tr[data-athlete="${home.athlete.id}"] a`)]);
    await waitForChart(page, '#chart-wellness');
    for (const id of ATHLETE_CHARTS) expect({ id, points: (await chartPoints(page, id)) > 0 }).toEqual({ id, points: true });
    expect(await chartPoints(page, '#chart-load')).toBeGreaterThan(100);
    expect(await page.$$eval('#sessions tbody tr', (rows) => rows.length)).toBeGreaterThan(50);
    await page.screenshot({ path: path.join(ARTIFACTS, 'athlete-desktop.png'), fullPage: true });

    const card = page.locator('.alert[data-status="open"]').first();
    const alertId = await card.getAttribute('data-alert');
    await card.locator('.ack-form input[name=note]').fill('Talked to Riley: easy week and a physio visit');
    await Promise.all([page.waitForEvent('load'), card.locator('.ack-form button').click()]);
    expect(await page.getAttribute(`.alert[data-alert="${alertId}"]`, 'data-status')).toBe('acknowledged');
    const [row] = await t.dataSource.query(`SELECT status, history FROM alerts WHERE id = $1`, [alertId]);
    expect(row.status).toBe('acknowledged');
    expect(row.history.at(-1)).toMatchObject({ by: 'Coach Dash <coach@dash.test> (coach)', note: 'Talked to Riley: easy week and a physio visit' });
    expect(errors).toEqual([]);
  });

  it('should fit a phone screen', async () => {
    const { page, errors } = await newPage({ width: 390, height: 844 });
    await signInThroughForm(page, baseUrl, 'coach@dash.test', TEST_PASSWORD, `/athletes/${calm}`);
    await waitForChart(page, '#chart-load');
    // Nothing but the tables' own scroll boxes may be wider than the screen.
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(390);
    expect(await page.$eval('#chart-load', (c) => c.getBoundingClientRect().width)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'athlete-phone.png'), fullPage: false });
    await page.goto(`${baseUrl}/roster`);
    expect(await pageScrollWidth(page)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'roster-phone.png'), fullPage: false });
    expect(errors).toEqual([]);
  });

  it('should keep another team out of reach', async () => {
    const { page } = await newPage();
    await signInThroughForm(page, baseUrl, 'coach@away-dash.test', TEST_PASSWORD, '/roster');
    expect(await page.$$eval('#roster tbody tr', (rows) => rows.map((r) => r.getAttribute('data-athlete')))).toEqual([away.athlete.id]);
    const res = await page.goto(`${baseUrl}/athletes/${home.athlete.id}`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent('h1')).toBe('Not found');
    const apiStatus = await page.evaluate(async (id) => (await fetch(`/api/athletes/${id}/dashboard`)).status, home.athlete.id);
    expect(apiStatus).toBe(404);
    const csv = await page.evaluate(async (id) => (await fetch(`/api/athletes/${id}/export/metrics.csv`)).status, home.athlete.id);
    expect(csv).toBe(404);
  });

  it('should let a coach invite an athlete who joins, shares, rates a session, reports back pain and connects a tracker', async () => {
    const coach = await newPage();
    await signInThroughForm(coach.page, baseUrl, 'coach@dash.test', TEST_PASSWORD, '/team');
    await coach.page.fill('#invite-form input[name=name]', 'Noor Haddad');
    await coach.page.fill('#invite-form input[name=email]', 'noor@example.test');
    await coach.page.click('#invite-form button[type=submit]');
    await coach.page.waitForSelector('#invite-form .ok-message');
    expect(coach.errors).toEqual([]);

    const token = await linkTokenIn(t, 'noor@example.test', '/invite');
    const { page, errors } = await newPage({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/invite?token=${encodeURIComponent(token)}`);
    expect(await page.inputValue('#timezone')).toBe('UTC'); // filled in from the browser
    await page.fill('#password', 'noor runs every day');
    await page.check('#share');
    await Promise.all([page.waitForURL(/\/athletes\//), page.click('#accept-form button[type=submit]')]);
    const athleteId = new URL(page.url()).pathname.split('/')[2];
    expect(await page.textContent('h1')).toBe('My training');
    const shared = await t.dataSource.query(`SELECT 1 FROM coach_consents WHERE athlete_id = $1 AND coach_id = $2 AND revoked_at IS NULL`, [athleteId, coachId]);
    expect(shared).toHaveLength(1);

    // A session the tracker sent without RPE: the athlete rates it in the page.
    await send(home, { type: 'session.upserted', data: { athleteId, externalId: 'noor-gym', startTime: `${addDays(today(), -1)}T17:00:00Z`, durationS: 2400, sport: 'strength' } });
    await pollUntil(async () => (await t.dataSource.query(`SELECT 1 FROM sessions WHERE athlete_id = $1`, [athleteId])).length === 1, { what: "Noor's session" });
    await page.reload();
    const rpeForm = page.locator('.rpe-form').first();
    await rpeForm.locator('input[name=rpe]').fill('7');
    await Promise.all([page.waitForEvent('load'), rpeForm.locator('button').click()]);
    await pollUntil(async () => (await t.dataSource.query(`SELECT athlete_rpe FROM sessions WHERE athlete_id = $1`, [athleteId]))[0]?.athlete_rpe === 7, { what: 'the rating' });

    await page.fill('#bp', '6');
    await page.fill('#bp-region', 'lower back');
    await page.check('#back-pain-form input[value="leg weakness"]');
    await page.click('#back-pain-form button[type=submit]');
    await page.waitForSelector('#back-pain-form .ok-message');
    const [report] = await t.dataSource.query(`SELECT back_pain, back_pain_region, red_flags FROM self_reports WHERE athlete_id = $1 AND date = $2`, [athleteId, today()]);
    expect(report).toEqual({ back_pain: 6, back_pain_region: 'lower back', red_flags: ['leg weakness'] });
    await page.screenshot({ path: path.join(ARTIFACTS, 'athlete-own-phone.png'), fullPage: true });

    // Trackers: every platform listed; Connect sends the browser to the platform's OAuth page (answered here: no internet).
    await page.goto(`${baseUrl}/athletes/${athleteId}/connections`);
    expect(await page.$$eval('#connections tbody tr', (rows) => rows.map((r) => r.getAttribute('data-provider')))).toEqual([
      'strava', 'garmin', 'fitbit', 'polar', 'oura', 'whoop', 'withings', 'terra', 'junction',
    ]);
    await page.route('https://www.strava.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Strava consent screen</p>' }));
    await Promise.all([page.waitForURL(/^https:\/\/www\.strava\.com\/oauth\/authorize/), page.click('tr[data-provider="strava"] button')]);
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('client_id')).toBe('dash-client');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(errors).toEqual([]);

    // Another athlete's page and the roster stay closed to an athlete.
    expect((await page.goto(`${baseUrl}/athletes/${home.athlete.id}`))?.status()).toBe(403);
    expect((await page.goto(`${baseUrl}/athletes/${away.athlete.id}`))?.status()).toBe(404);
    expect((await page.goto(`${baseUrl}/roster`))?.status()).toBe(403);
  });

  it('should let an athlete stop sharing from the sharing page, hiding their data from the coach at once', async () => {
    await makeUser(t, { email: 'riley.login@example.test', name: 'Riley Stone', role: 'athlete', teamId: home.teamId, athleteId: home.athlete.id });
    const { page, errors } = await newPage();
    await signInThroughForm(page, baseUrl, 'riley.login@example.test', TEST_PASSWORD, '/sharing');
    await Promise.all([page.waitForEvent('load'), page.click(`tr[data-coach="${coachId}"] button`)]);
    expect(await page.textContent(`tr[data-coach="${coachId}"]`)).toContain('not sharing');
    expect(errors).toEqual([]);
    const coach = await newPage();
    await signInThroughForm(coach.page, baseUrl, 'coach@dash.test', TEST_PASSWORD, `/athletes/${home.athlete.id}`);
    expect(await coach.page.textContent('h1')).toBe('Not yours to see');
    await coach.page.goto(`${baseUrl}/roster`);
    expect(await coach.page.textContent(`tr[data-athlete="${home.athlete.id}"]`)).toContain('Has not shared data with you');
  });

  it('should let a coach set email preferences and the team thresholds from the dashboard', async () => {
    const { page, errors } = await newPage();
    await signInThroughForm(page, baseUrl, 'coach@dash.test', TEST_PASSWORD, '/settings');
    const digest = page.locator('form.preference-form[data-kind="digest"]');
    await digest.locator('select[name=mode]').selectOption('off');
    await digest.locator('button').click();
    await digest.locator('.ok-message').waitFor();
    const [pref] = await t.dataSource.query(`SELECT mode FROM notification_preferences WHERE email = 'coach@dash.test' AND kind = 'digest'`);
    expect(pref).toEqual({ mode: 'off' });

    await page.goto(`${baseUrl}/team`);
    await page.fill('#thresholds-form textarea', '{ not json');
    await page.click('#thresholds-form button');
    expect(await page.textContent('#thresholds-form .error-message')).toContain('not valid JSON');
    await page.fill('#thresholds-form textarea', '{}');
    await page.click('#thresholds-form button');
    await page.waitForSelector('#thresholds-form .ok-message');
    expect(errors).toEqual([]);
  });
});
