import { FixedClock } from '@app/common';
import { OutboxRepository } from '@app/queue';
import { addDays, localDate } from '@app/training-load';
import { pollUntil } from '@app/testing';
import { DailyRolloverSchedule } from '../../apps/worker/src/schedules/daily-rollover.schedule';
import { HousekeepingSchedule } from '../../apps/worker/src/schedules/housekeeping.schedule';
import { seedTeam, startTestApp, TestApp } from '../setup/test-app';
import { EventNormalizer, WebhookIntakeService } from '@app/ingestion';
import { standardWebhookHeaders } from '@app/testing';

describe('worker schedules', () => {
  const clock = new FixedClock(new Date('2026-11-10T12:00:00Z'));
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should extend the series with rest days when the local day turns and nothing arrives', async () => {
    const team = await seedTeam(t, { timezone: 'America/New_York' });
    const intake = t.app.get(WebhookIntakeService);
    const body = JSON.stringify({
      type: 'session.upserted',
      data: { athleteId: team.athlete.id, externalId: 'only-one', startTime: '2026-11-09T18:00:00-05:00', durationS: 3600, rpe: 6 },
    });
    const headers = standardWebhookHeaders(team.secret, body, { timestamp: Math.floor(clock.now().getTime() / 1000) });
    await intake.receiveStandard(Buffer.from(body), headers);
    const lastDate = async () =>
      (await t.dataSource.query(`SELECT max(date)::text AS d FROM daily_metrics WHERE athlete_id = $1`, [team.athlete.id]))[0].d as string | null;
    await pollUntil(async () => (await lastDate()) === '2026-11-10', { what: 'metrics up to the first today' });

    const rollover = t.app.get(DailyRolloverSchedule);
    expect(await rollover.rollOver()).toBe(0);

    clock.set(new Date('2026-11-13T06:00:00Z')); // 01:00 on the 13th in New York
    const today = localDate(clock.now(), 'America/New_York');
    expect(today).toBe('2026-11-13');
    expect(await rollover.rollOver()).toBe(1);
    await pollUntil(async () => (await lastDate()) === today, { what: 'metrics up to the new today' });

    const days: { date: string; state: string; load: number; streak: number }[] = await t.dataSource.query(
      `SELECT date::text, state, load, streak FROM daily_metrics WHERE athlete_id = $1 ORDER BY date`,
      [team.athlete.id],
    );
    expect(days.map((d) => d.date)).toEqual(['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', today]);
    expect(days[0]).toMatchObject({ state: 'trained', load: 360, streak: 1 });
    expect(days.slice(1).every((d) => d.state === 'rest' && d.load === 0 && d.streak === 0)).toBe(true);
    expect(addDays(days[0].date, 4)).toBe(today);
  });

  it('should prune relayed outbox rows older than a week and keep the rest', async () => {
    await t.relay.pause();
    await t.dataSource.query(
      `INSERT INTO outbox (job_name, payload, relayed_at) VALUES
         ('email.send', '{"emailId":"a"}', now() - interval '8 days'),
         ('email.send', '{"emailId":"b"}', now() - interval '1 day'),
         ('email.send', '{"emailId":"c"}', NULL)`,
    );
    const before: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(await t.app.get(HousekeepingSchedule).pruneOutbox()).toBeGreaterThanOrEqual(1);
    const left: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'emailId' IN ('a', 'b', 'c')`);
    expect(left[0].n).toBe(2);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox`))[0].n).toBe(before[0].n - 1);
    await t.dataSource.query(`DELETE FROM outbox WHERE relayed_at IS NULL AND payload->>'emailId' = 'c'`);
    expect(t.app.get(OutboxRepository)).toBeDefined();
    t.relay.start();
  });

  it('should mark a raw event failed with the reason once its job gives up', async () => {
    const [row] = await t.dataSource.query(
      `INSERT INTO raw_events (source, event_id, body) VALUES ('standard:test', 'gives-up', '{}') RETURNING id`,
    );
    await t.app.get(EventNormalizer).markFailed(String(row.id), 'provider kept answering 500');
    const [after] = await t.dataSource.query(`SELECT status, error FROM raw_events WHERE id = $1`, [row.id]);
    expect(after).toEqual({ status: 'failed', error: 'provider kept answering 500' });
  });
});
