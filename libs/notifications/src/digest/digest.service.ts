import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EmailService } from '../email.service';
import { PreferencesService } from '../preferences';
import { composeDigest, DigestAlert, DigestAthlete } from './digest.compose';

/** Local hour at which coaches get their digest. */
export const DIGEST_HOUR = 7;

interface CoachRow {
  id: string;
  name: string;
  email: string;
  timezone: string;
  team_id: string;
  team_name: string;
}

function localParts(now: Date, timeZone: string): { date: string; hour: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/**
 * Coach digests: once it is 07:00 or later in the coach's time zone, the day's digest is queued — once per coach
 * and local day (the idempotency key), so hourly runs, several workers, or a catch-up after downtime send it once.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailService,
    private readonly preferences: PreferencesService,
  ) {}

  async queueDue(now: Date): Promise<number> {
    const coaches: CoachRow[] = await this.dataSource.query(
      `SELECT u.id, u.name, u.email, u.timezone, u.team_id, t.name AS team_name FROM users u JOIN teams t ON t.id = u.team_id WHERE u.role = 'coach'`,
    );
    let queued = 0;
    for (const coach of coaches) {
      const { date, hour } = localParts(now, coach.timezone);
      if (hour < DIGEST_HOUR) continue;
      const decision = await this.preferences.plan(coach.email, { kind: 'digest', severity: 'info' }, now);
      if (decision.action === 'drop') continue;
      const digest = composeDigest({ coachName: coach.name, teamName: coach.team_name, date, alerts: await this.alerts(coach.id, now), athletes: await this.athletes(coach.id) });
      const created = await this.dataSource.transaction((m) =>
        this.emails.queue(m, [
          {
            kind: 'digest',
            alertId: null,
            recipient: coach.email,
            idempotencyKey: `digest:${coach.id}:${date}`,
            rendered: digest,
            sendAfter: decision.action === 'delay' ? decision.sendAfter : null,
            unsubscribeKind: 'digest',
          },
        ]),
      );
      queued += created.length;
    }
    if (queued > 0) this.logger.log(`queued ${queued} coach digest(s)`);
    return queued;
  }

  // A coach sees only the athletes who consented to share with them.
  private async alerts(coachId: string, now: Date): Promise<DigestAlert[]> {
    const rows: (Omit<DigestAlert, 'isNew'> & { created_at: Date })[] = await this.dataSource.query(
      `SELECT a.name AS "athleteName", al.title, al.severity, al.status, al.first_triggered_on::text AS "firstTriggeredOn", al.created_at
       FROM alerts al JOIN athletes a ON a.id = al.athlete_id
       JOIN coach_consents c ON c.athlete_id = a.id AND c.coach_id = $1 AND c.revoked_at IS NULL
       WHERE al.status <> 'resolved'`,
      [coachId],
    );
    const dayAgo = now.getTime() - 24 * 3600 * 1000;
    return rows.map(({ created_at, ...a }) => ({ ...a, isNew: new Date(created_at).getTime() >= dayAgo }));
  }

  private athletes(coachId: string): Promise<DigestAthlete[]> {
    return this.dataSource.query(
      `SELECT a.name, GREATEST((SELECT max(local_date) FROM sessions s WHERE s.athlete_id = a.id AND NOT s.deleted),
                               (SELECT max(date) FROM daily_recovery r WHERE r.athlete_id = a.id))::text AS "lastDataOn"
       FROM athletes a JOIN coach_consents c ON c.athlete_id = a.id AND c.coach_id = $1 AND c.revoked_at IS NULL`,
      [coachId],
    );
  }
}
