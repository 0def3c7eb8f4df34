import request from 'supertest';
import { QueueName } from '@app/queue';
import { pollUntil, standardWebhookHeaders } from '@app/testing';
import { AthleteInputService, localDate } from '@app/training-load';
import { seedTeam, startTestApp, TestApp } from '../setup/test-app';

// A red-flag self-report is a safety matter: its alert must not wait behind a busy load-recompute queue. Here that
// queue is paused outright, so the alert can only come from the evaluation queued with the report itself.
describe('self-report alerts do not wait for load recomputes (integration)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.queue(QueueName.TrainingLoad).pause();
  });

  afterAll(async () => t?.close());

  const referralFor = (athleteId: string) =>
    pollUntil(async () => (await t.dataSource.query(`SELECT severity FROM alerts WHERE athlete_id = $1 AND rule_id = 'back-pain-referral'`, [athleteId]))[0], {
      what: 'the back-pain referral alert',
    });
  const recomputesWaiting = () => t.queue(QueueName.TrainingLoad).getJobCountByTypes('waiting', 'prioritized');

  it('should open the referral alert for a webhook self-report while every recompute waits', async () => {
    const team = await seedTeam(t, { timezone: 'UTC' });
    const body = JSON.stringify({
      type: 'self_report.upserted',
      data: { athleteId: team.athlete.id, date: localDate(new Date(), 'UTC'), backPain: 4, backPainRegion: 'lumbar', redFlags: ['numbness in the leg'] },
    });
    await request(t.app.getHttpServer()).post('/webhooks/standard').set(standardWebhookHeaders(team.secret, body)).send(body).expect(202);

    expect(await referralFor(team.athlete.id)).toEqual({ severity: 'high' });
    expect(await recomputesWaiting()).toBeGreaterThan(0);
    expect(await t.dataSource.query(`SELECT 1 FROM daily_metrics WHERE athlete_id = $1`, [team.athlete.id])).toEqual([]);
  });

  it('should do the same for a self-report the athlete enters through the API', async () => {
    const team = await seedTeam(t, { timezone: 'UTC' });
    await t.app.get(AthleteInputService).report(team.athlete.id, {
      date: localDate(new Date(), 'UTC'),
      backPain: 5,
      backPainRegion: 'lumbar',
      redFlags: ['numbness in the leg'],
    });
    expect(await referralFor(team.athlete.id)).toEqual({ severity: 'high' });
  });
});
