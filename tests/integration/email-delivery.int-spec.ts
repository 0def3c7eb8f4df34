import request from 'supertest';
import { FixedClock } from '@app/common';
import { DigestService, EmailService } from '@app/notifications';
import { freePort, pollUntil, SmtpSink } from '@app/testing';
import { seedTeam, startTestApp, TestApp } from '../setup/test-app';

// Exactly once: retries through an SMTP outage, no second send on a duplicate job, no resend after a crash mid-send.
describe('email delivery', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let port: number;
  let emails: EmailService;

  beforeAll(async () => {
    port = await freePort();
    smtp = new SmtpSink();
    t = await startTestApp({ smtpUrl: `smtp://127.0.0.1:${port}` }); // nothing listens there yet
    emails = t.app.get(EmailService);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const queue = (key: string) =>
    t.dataSource.transaction((m) =>
      emails.queue(m, [{ kind: 'alert', alertId: null, recipient: `${key}@example.test`, idempotencyKey: key, rendered: { subject: `Test ${key}`, text: `Body ${key}` } }]),
    );

  it('should deliver every email exactly once after the SMTP server comes back', async () => {
    for (const key of ['down-1', 'down-2', 'down-3']) await queue(key);
    // The first attempts fail (connection refused) and are retried with backoff.
    await pollUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM emails WHERE last_error IS NOT NULL AND status = 'pending'`))[0].n === 3, {
      what: 'the first failed attempts',
    });
    await smtp.start(port);
    await pollUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM emails WHERE status = 'sent'`))[0].n === 3, { what: 'all three sent', timeoutMs: 45_000 });
    const subjects = smtp.messages.map((m) => m.subject).sort();
    expect(subjects).toEqual(['Test down-1', 'Test down-2', 'Test down-3']);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(3);
  });

  it('should not send twice when the job runs twice', async () => {
    const [id] = await queue('twice');
    await pollUntil(async () => (await t.dataSource.query(`SELECT status FROM emails WHERE id = $1`, [id]))[0].status === 'sent', { what: 'the email' });
    expect(await emails.send(id)).toBe('already-sent');
    expect(await emails.send(id)).toBe('already-sent');
    expect(smtp.messages.filter((m) => m.subject === 'Test twice')).toHaveLength(1);
  });

  it('should not resend an email a worker was sending when it stopped, and show it to admins', async () => {
    await t.relay.pause();
    const [id] = await queue('crash');
    // The state a worker leaves when it dies after claiming the row (the server may or may not have the message).
    await t.dataSource.query(`UPDATE emails SET status = 'sending', attempts = 1 WHERE id = $1`, [id]);
    expect(await emails.send(id)).toBe('unconfirmed');
    expect(await emails.send(id)).toBe('not-pending');
    expect(smtp.messages.filter((m) => m.subject === 'Test crash')).toHaveLength(0);
    expect((await emails.needingAttention()).map((e) => e.id)).toContain(id);
    const listed = await request(t.app.getHttpServer()).get('/api/emails/attention').set('Authorization', `Bearer ${t.config.apiToken}`).expect(200);
    expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id, status: 'unconfirmed', recipient: 'crash@example.test' })]));
    t.relay.start();
  });
});

describe('quiet hours and coach digests', () => {
  const clock = new FixedClock(new Date('2026-11-20T05:30:00Z')); // 06:30 in Berlin
  let t: TestApp;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = new SmtpSink();
    t = await startTestApp({ smtpUrl: await smtp.start() }, { clock });
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('should hold an email until its send-after time, then send it once', async () => {
    const sendAfter = new Date(Date.now() + 2500);
    await t.dataSource.transaction((m) =>
      t.app.get(EmailService).queue(m, [{ kind: 'alert', alertId: null, recipient: 'quiet@example.test', idempotencyKey: 'quiet-1', rendered: { subject: 'Quiet', text: 'later' }, sendAfter }]),
    );
    await new Promise((r) => setTimeout(r, 1200));
    expect(smtp.messages.filter((m) => m.subject === 'Quiet')).toHaveLength(0);
    await pollUntil(() => Promise.resolve(smtp.messages.some((m) => m.subject === 'Quiet')), { what: 'the delayed email', timeoutMs: 15_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(sendAfter.getTime());
    expect(smtp.messages.filter((m) => m.subject === 'Quiet')).toHaveLength(1);
  });

  it("should send a coach's digest once, at 07:00 in the coach's time zone, with one-click unsubscribe", async () => {
    const team = await seedTeam(t, { name: 'Quiet Athlete' });
    const coach = await t.roster.createCoach(team.teamId, 'Coach Ines', 'ines@example.test');
    await t.dataSource.query(`UPDATE users SET timezone = 'Europe/Berlin' WHERE id = $1`, [coach.id]);
    await t.roster.grantConsent(team.athlete.id, coach.id);
    const digests = t.app.get(DigestService);
    expect(await digests.queueDue(clock.now())).toBe(0); // 06:30 in Berlin: not yet
    clock.set(new Date('2026-11-20T06:05:00Z')); // 07:05 in Berlin
    expect(await digests.queueDue(clock.now())).toBe(1);
    expect(await digests.queueDue(clock.now())).toBe(0); // the same day again: nothing new
    const mail = await pollUntil(() => Promise.resolve(smtp.messages.find((m) => m.subject?.includes('2026-11-20'))), { what: 'the digest' });
    expect(mail.text).toContain('Good morning Coach Ines');
    expect(mail.text).toContain('Quiet Athlete (nothing yet)');
    expect(mail.html).toContain('Good morning Coach Ines');
    expect(mail.html).toContain('Quiet Athlete <span style="color:#555;">(nothing yet)</span>');
    const header = (key: string) => (mail.headerLines.find((h) => h.key === key)?.line ?? '').replace(/\s+/g, ' '); // unfolded
    expect(header('list-unsubscribe')).toMatch(/^List-Unsubscribe: <http[^>]*\/unsubscribe\?token=[^>]+>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  });
});
