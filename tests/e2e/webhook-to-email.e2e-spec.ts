import request from 'supertest';
import { AlertEvaluator } from '@app/alerting';
import { addDays, localDate } from '@app/training-load';
import { pollUntil, SmtpSink, standardWebhookHeaders } from '@app/testing';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../setup/test-app';

// 28 days of an ordinary pattern, then a week at roughly twice the load: EWMA ACWR ends above 1.5 today.
const BASE_WEEK = [300, 270, 0, 360, 225, 540, 0];
const SPIKE_WEEK = [600, 540, 450, 720, 450, 1080, 720];
const DAILY_LOADS = [...BASE_WEEK, ...BASE_WEEK, ...BASE_WEEK, ...BASE_WEEK, ...SPIKE_WEEK];
const RPE = 6;

function sessionEvent(athleteId: string, date: string, load: number, externalId = `run-${date}`) {
  return JSON.stringify({
    type: 'session.upserted',
    data: { athleteId, externalId, startTime: `${date}T10:00:00Z`, durationS: Math.round((load / RPE) * 60), rpe: RPE, sport: 'run' },
  });
}

describe('signed webhook → metrics → alert → email (e2e)', () => {
  let t: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = new SmtpSink();
    const smtpUrl = await smtp.start();
    t = await startTestApp({ smtpUrl });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const post = (body: string, headers: Record<string, string>) => request(t.app.getHttpServer()).post('/webhooks/standard').set(headers).send(body);
  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('should open a load-spike alert and send exactly one email naming the athlete and the ratio', async () => {
    const team: SeededTeam = await seedTeam(t, { name: 'Mara Lindqvist', email: 'mara@example.test' });
    const today = localDate(new Date(), 'Europe/Berlin');
    const first = addDays(today, -(DAILY_LOADS.length - 1));
    for (const [i, load] of DAILY_LOADS.entries()) {
      if (load === 0) continue;
      const body = sessionEvent(team.athlete.id, addDays(first, i), load);
      const res = await post(body, standardWebhookHeaders(team.secret, body));
      expect(res.status).toBe(202);
    }

    const alert = await pollUntil(
      async () => {
        const res = await request(t.app.getHttpServer())
          .get(`/api/alerts?athleteId=${team.athlete.id}&status=open&kind=overtraining`)
          .set('Authorization', `Bearer ${t.config.apiToken}`);
        const spike = (res.body as { id: string; ruleId: string; severity: string; evidence: Record<string, number> }[]).find((a) => a.ruleId === 'load-spike');
        return spike?.severity === 'high' ? spike : null;
      },
      { what: 'the high load-spike alert', timeoutMs: 30_000 },
    );
    expect(alert).toMatchObject({ ruleId: 'load-spike', kind: 'overtraining', severity: 'high', status: 'open', lastTriggeredOn: today });
    expect(alert.evidence.acwrEwma).toBeGreaterThan(1.5);

    // The chain has settled: nothing pending in the outbox, every email row sent.
    await pollUntil(async () => (await count('outbox WHERE relayed_at IS NULL')) === 0 && (await count("emails WHERE status <> 'sent'")) === 0, {
      what: 'the pipeline to settle',
    });
    const spikeMails = () => smtp.messages.filter((m) => m.subject?.includes('Load spike for Mara Lindqvist'));
    // One email per notifying transition (it may have opened as a warning and escalated to high as the week came in).
    const mails = spikeMails();
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(mails.length).toBe((await t.dataSource.query(`SELECT count(*)::int AS n FROM emails WHERE alert_id = $1`, [alert.id]))[0].n);
    const high = mails.find((m) => m.subject?.includes('High')) ?? mails[mails.length - 1];
    expect(high.text).toContain('Mara Lindqvist');
    expect(high.text).toMatch(/acute:chronic workload ratio 1\.(5[1-9]|[6-9]\d)/);
    expect(high.to && 'text' in high.to ? high.to.text : '').toContain('mara@example.test');
    // HTML part with the numbers, the load chart inline (PNG by Content-ID) and one-click unsubscribe.
    // The message references cid:chart@loadwatch; mailparser resolves such links to data: URIs when parsing.
    expect(high.html).toContain('<img src="data:image/png;base64,');
    expect(high.html).toMatch(/acute \d+ AU\/day vs chronic \d+ AU\/day → EWMA ratio 1\.\d\d/);
    expect(high.html).toContain('not a medical diagnosis');
    const chart = high.attachments.find((a) => a.cid === 'chart@loadwatch');
    expect(chart?.contentType).toBe('image/png');
    expect(chart?.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(high.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(true);

    // Evaluating again changes nothing: no second email for the same alert, recipient and occasion.
    await t.app.get(AlertEvaluator).evaluate(team.athlete.id);
    await pollUntil(async () => (await count('outbox WHERE relayed_at IS NULL')) === 0, { what: 'the outbox to drain' });
    expect(spikeMails()).toHaveLength(mails.length);

    const metrics = await request(t.app.getHttpServer())
      .get(`/api/athletes/${team.athlete.id}/metrics?from=${first}&to=${today}`)
      .set('Authorization', `Bearer ${t.config.apiToken}`)
      .expect(200);
    expect(metrics.body.days).toHaveLength(DAILY_LOADS.length);
    expect(metrics.body.days[0]).toMatchObject({ date: first, load: DAILY_LOADS[0], acwrEwma: null });
    expect(metrics.body.days.at(-1).acwrEwma).toBeCloseTo(alert.evidence.acwrEwma, 3);
  });

  it('should store one session when the same webhook arrives twice', async () => {
    const team = await seedTeam(t);
    const body = sessionEvent(team.athlete.id, addDays(localDate(new Date(), 'UTC'), -1), 300, 'dup-1');
    const headers = standardWebhookHeaders(team.secret, body);
    expect((await post(body, headers)).status).toBe(202);
    const second = await post(body, headers);
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('duplicate');
    await pollUntil(async () => (await count(`raw_events WHERE status = 'processed' AND event_id = '${headers['webhook-id']}'`)) === 1, {
      what: 'the event to be processed',
    });
    const sessions = await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE athlete_id = $1`, [team.athlete.id]);
    expect(sessions[0].n).toBe(1);
    expect(await count(`raw_events WHERE event_id = '${headers['webhook-id']}'`)).toBe(1);
  });

  it('should take a deleted session out of the metrics', async () => {
    const team = await seedTeam(t, { timezone: 'UTC' });
    const day = addDays(localDate(new Date(), 'UTC'), -1);
    const upsert = sessionEvent(team.athlete.id, day, 420, 'to-delete');
    await post(upsert, standardWebhookHeaders(team.secret, upsert)).expect(202);
    const loadOf = async () =>
      (
        await request(t.app.getHttpServer())
          .get(`/api/athletes/${team.athlete.id}/metrics?from=${day}&to=${day}`)
          .set('Authorization', `Bearer ${t.config.apiToken}`)
      ).body.days[0]?.load as number | undefined;
    await pollUntil(async () => (await loadOf()) === 420, { what: 'the session load' });
    const del = JSON.stringify({ type: 'session.deleted', data: { athleteId: team.athlete.id, externalId: 'to-delete' } });
    await post(del, standardWebhookHeaders(team.secret, del)).expect(202);
    // The only session is gone: the series has no data left, so the day has no metrics row at all.
    await pollUntil(async () => (await loadOf()) === undefined, { what: 'the deletion to reach the metrics' });
  });

  describe('bad requests get a clear 4xx and write nothing', () => {
    let team: SeededTeam;
    let body: string;

    beforeAll(async () => {
      team = await seedTeam(t);
      body = sessionEvent(team.athlete.id, '2026-11-01', 300, 'bad-1');
    });

    const cases: [string, () => { body: string | Buffer; headers: Record<string, string> }, number, string][] = [
      ['a wrong signature', () => ({ body, headers: standardWebhookHeaders('whsec_' + Buffer.alloc(32, 7).toString('base64'), body) }), 401, 'SIGNATURE_INVALID'],
      ['a stale timestamp', () => ({ body, headers: standardWebhookHeaders(team.secret, body, { timestamp: Math.floor(Date.now() / 1000) - 301 }) }), 401, 'TIMESTAMP_OUT_OF_TOLERANCE'],
      ['missing signature headers', () => ({ body, headers: { 'content-type': 'application/json' } }), 401, 'SIGNATURE_MISSING'],
      ['malformed JSON', () => ({ body: '{"type": "session.upserted", ', headers: standardWebhookHeaders(team.secret, '{"type": "session.upserted", ') }), 400, 'MALFORMED_JSON'],
      [
        'missing fields',
        () => {
          const b = JSON.stringify({ type: 'session.upserted', data: { athleteId: team.athlete.id, externalId: 'x' } });
          return { body: b, headers: standardWebhookHeaders(team.secret, b) };
        },
        422,
        'VALIDATION_FAILED',
      ],
      [
        'an unknown event type',
        () => {
          const b = JSON.stringify({ type: 'session.exploded', data: {} });
          return { body: b, headers: standardWebhookHeaders(team.secret, b) };
        },
        422,
        'VALIDATION_FAILED',
      ],
      [
        'an athlete of another team',
        () => {
          const b = sessionEvent('00000000-0000-4000-8000-000000000000', '2026-11-01', 300);
          return { body: b, headers: standardWebhookHeaders(team.secret, b) };
        },
        422,
        'UNKNOWN_ATHLETE',
      ],
      [
        'an oversized body',
        () => {
          const b = JSON.stringify({ type: 'session.upserted', data: { padding: 'x'.repeat(1024 * 1024 + 10) } });
          return { body: b, headers: standardWebhookHeaders(team.secret, b) };
        },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ];

    it.each(cases)('should reject %s', async (_name, make, status, code) => {
      const before = { raw: await count('raw_events'), outbox: await count('outbox'), sessions: await count('sessions') };
      const { body: b, headers } = make();
      const res = await post(b as string, headers);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ statusCode: status, error: code });
      expect(typeof res.body.message).toBe('string');
      expect({ raw: await count('raw_events'), outbox: await count('outbox'), sessions: await count('sessions') }).toEqual(before);
    });
  });

  it('should refuse /api without the bearer token', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/alerts');
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('UNAUTHENTICATED');
  });

  it('should publish the OpenAPI description of the public routes', async () => {
    const res = await request(t.app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/webhooks/standard', '/api/athletes/{id}/metrics', '/api/alerts', '/health']),
    );
  });

  it('should answer /health with the state of Postgres and Redis', async () => {
    const res = await request(t.app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: 'up' });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
