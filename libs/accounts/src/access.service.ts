import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@app/common';
import { AccessDecision, athleteAccess, AthleteAccessMode, teamAccess } from './access-policy';
import { Actor } from './actor';

function enforce(decision: AccessDecision, what: string): void {
  if (decision === 'not-found') throw new DomainError(ErrorCode.NotFound, `${what} not found`);
  if (decision === 'forbidden') {
    throw new DomainError(ErrorCode.Forbidden, `You may not see ${what.toLowerCase()}: ${what.startsWith('Athlete') ? 'the athlete has not shared their data with you' : 'it is not yours'}`);
  }
}

/** Applies the access policy with facts read fresh on every request: a revoked consent hides data at once. */
@Injectable()
export class AccessService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertAthlete(actor: Actor, athleteId: string, mode: AthleteAccessMode): Promise<void> {
    const [row] = await this.dataSource.query(
      `SELECT a.team_id AS "teamId",
              EXISTS (SELECT 1 FROM coach_consents c WHERE c.athlete_id = a.id AND c.coach_id = $2 AND c.revoked_at IS NULL) AS "consented"
       FROM athletes a WHERE a.id = $1`,
      [athleteId, actor.userId ?? '00000000-0000-0000-0000-000000000000'],
    );
    const facts = row ? { teamId: row.teamId as string, consentedToCaller: row.consented === true } : null;
    enforce(athleteAccess(actor, athleteId, facts, mode), `Athlete ${athleteId}`);
  }

  /** Alerts inherit the athlete's rule: whoever may read the athlete may act on the alert. */
  async assertAlert(actor: Actor, alertId: string): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT athlete_id FROM alerts WHERE id = $1`, [alertId]);
    if (!row) throw new DomainError(ErrorCode.NotFound, `Alert ${alertId} not found`);
    try {
      await this.assertAthlete(actor, row.athlete_id, 'read');
    } catch (error) {
      // Do not reveal the athlete id behind an alert the caller may not see.
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) throw new DomainError(ErrorCode.NotFound, `Alert ${alertId} not found`);
      throw error;
    }
  }

  assertTeam(actor: Actor, teamId: string): void {
    enforce(teamAccess(actor, teamId), `Team ${teamId}`);
  }

  /** The athletes whose data the caller may read; 'all' for admins. */
  async readableAthleteIds(actor: Actor): Promise<string[] | 'all'> {
    if (actor.role === 'admin') return 'all';
    if (actor.role === 'athlete') return actor.athleteId ? [actor.athleteId] : [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT a.id FROM athletes a JOIN coach_consents c ON c.athlete_id = a.id AND c.coach_id = $1 AND c.revoked_at IS NULL WHERE a.team_id = $2`,
      [actor.userId, actor.teamId],
    );
    return rows.map((r) => r.id);
  }
}
