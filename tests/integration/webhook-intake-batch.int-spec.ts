import request from 'supertest';
import { storeIntakeBatch } from '../../libs/ingestion/src/raw-event-intake.store';
import { standardWebhookHeaders } from '@app/testing';
import { seedTeam, SeededTeam, startTestApp, TestApp } from '../setup/test-app';

// Webhooks that arrive together are stored by one statement (group commit). Each must still get its own answer,
// and the batch must never store an event for an unknown athlete, store a redelivery twice, or lose one.
describe('webhook intake in batches (integration)', () => {
  let t: TestApp;
  let team: SeededTeam;

  beforeAll(async () => {
    t = await startTestApp();
    team = await seedTeam(t, { externalId: 'ext-alex' });
  });

  afterAll(async () => t?.close());

  const row = (over: Partial<Parameters<typeof storeIntakeBatch>[1][number]> = {}) => ({
    source: 'standard:batch-test',
    eventId: `msg_${Math.random().toString(36).slice(2)}`,
    teamId: team.teamId,
    headers: '{"webhook-id":"x"}',
    // A valid event, since the worker of this app goes on to normalise what is stored.
    body: JSON.stringify({ type: 'session.upserted', data: { athleteId: team.athlete.id, externalId: 'batch-row', startTime: '2026-11-01T10:00:00Z', durationS: 600, rpe: 3 } }),
    athleteId: team.athlete.id,
    athleteExternalId: null,
    ...over,
  });

  it('should answer every row of one statement for itself: stored, redelivered, unknown athlete, by external id', async () => {
    const stored = row({ eventId: 'msg_already-there' });
    await storeIntakeBatch(t.dataSource, [stored]);
    const rows = [
      row({ eventId: 'msg_new-1' }),
      stored,
      row({ eventId: 'msg_stranger', athleteId: '00000000-0000-4000-8000-000000000000' }),
      row({ eventId: 'msg_by-external-id', athleteId: null, athleteExternalId: 'ext-alex' }),
      row({ eventId: 'msg_unknown-external-id', athleteId: null, athleteExternalId: 'ext-nobody' }),
      row({ eventId: 'msg_other-team', teamId: '00000000-0000-4000-8000-000000000001' }),
    ];
    const outcomes = await storeIntakeBatch(t.dataSource, rows);

    expect(outcomes.map((o) => [o.athleteFound, o.rawEventId !== null])).toEqual([
      [true, true],
      [true, false],
      [false, false],
      [true, true],
      [false, false],
      [false, false],
    ]);
    const saved: { event_id: string; id: string; received_at: Date; queued: number }[] = await t.dataSource.query(
      `SELECT r.event_id, r.id::text AS id, r.received_at,
              (SELECT count(*)::int FROM outbox o WHERE o.payload->>'rawEventId' = r.id::text) AS queued
       FROM raw_events r WHERE r.source = 'standard:batch-test' ORDER BY r.event_id`,
    );
    expect(saved.map((s) => [s.event_id, s.queued])).toEqual([
      ['msg_already-there', 1],
      ['msg_by-external-id', 1],
      ['msg_new-1', 1],
    ]);
    expect(outcomes[0].rawEventId).toBe(saved.find((s) => s.event_id === 'msg_new-1')?.id);
    // One statement, one transaction: the two new rows carry the same transaction time.
    const newRows = saved.filter((s) => s.event_id !== 'msg_already-there');
    expect(newRows[0].received_at.getTime()).toBe(newRows[1].received_at.getTime());
  });

  it('should answer a burst of concurrent webhooks one by one and store each accepted one exactly once', async () => {
    const post = (body: string, headers: Record<string, string>) => request(t.app.getHttpServer()).post('/webhooks/standard').set(headers).send(body);
    const session = (i: number, athleteId = team.athlete.id) =>
      JSON.stringify({ type: 'session.upserted', data: { athleteId, externalId: `burst-${i}`, startTime: '2026-11-01T10:00:00Z', durationS: 1800, rpe: 5 } });
    const sends: { body: string; headers: Record<string, string> }[] = [];
    for (let i = 0; i < 40; i++) {
      const body = session(i);
      const headers = standardWebhookHeaders(team.secret, body);
      sends.push({ body, headers });
      // Every fourth webhook is delivered twice at the same moment.
      if (i % 4 === 0) sends.push({ body, headers });
    }
    const strangers = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const body = session(100 + i, '00000000-0000-4000-8000-000000000000');
      const headers = standardWebhookHeaders(team.secret, body);
      strangers.add(headers['webhook-id']);
      sends.push({ body, headers });
    }

    const answers = await Promise.all(sends.map((s) => post(s.body, s.headers)));

    const statusesById = new Map<string, number[]>();
    sends.forEach((s, i) => statusesById.set(s.headers['webhook-id'], [...(statusesById.get(s.headers['webhook-id']) ?? []), answers[i].status].sort()));
    const statuses = [...statusesById].map(([id, list]) => (strangers.has(id) ? `stranger ${list.join('+')}` : list.join('+')));
    // A pair delivered together: exactly one is accepted and the other acknowledged as a duplicate.
    expect(statuses.filter((s) => s === '200+202')).toHaveLength(10);
    expect(statuses.filter((s) => s === '202')).toHaveLength(30);
    expect(statuses.filter((s) => s === 'stranger 422')).toHaveLength(5);
    const stored: { n: number; queued: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM outbox o WHERE o.payload->>'rawEventId' = r.id::text))::int AS queued
       FROM raw_events r WHERE r.team_id = $1 AND r.source LIKE 'standard:%' AND r.body LIKE '%burst-%'`,
      [team.teamId],
    );
    expect(stored[0]).toEqual({ n: 40, queued: 40 });
  });
});
