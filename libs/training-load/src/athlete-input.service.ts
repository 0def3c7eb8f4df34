import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { Athlete, RosterService } from '@app/roster';
import { queueFollowUpJobs } from './follow-up-jobs';
import { SelfReportInput, SessionInput, SessionStore } from './session.store';

export type LoggedSession = Omit<SessionInput, 'provider' | 'sourceUpdatedAt' | 'externalId'> & { externalId?: string };

/**
 * What athletes (or their coaches) enter themselves: daily self-reports, an RPE for a synced session, a session
 * logged by hand (strength work with sets). Each write queues the recompute of the days it changed.
 */
@Injectable()
export class AthleteInputService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionStore,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly roster: RosterService,
  ) {}

  /** Profile changes; a new time zone also moves the sessions to their new local days (see relocalize). */
  async updateProfile(athleteId: string, changes: Parameters<RosterService['updateAthlete']>[1]): Promise<Athlete> {
    const before = await this.roster.requireAthlete(athleteId);
    const after = await this.roster.updateAthlete(athleteId, changes);
    if (after.timezone !== before.timezone) await this.relocalize(athleteId, after.timezone);
    return after;
  }

  report(athleteId: string, input: SelfReportInput): Promise<{ date: string }> {
    return this.write(athleteId, 'self-report', async (m, athlete) => ({ changed: await this.sessions.upsertSelfReport(m, athlete, input), result: { date: input.date } }));
  }

  rateSession(athleteId: string, sessionId: string, rpe: number): Promise<{ sessionId: string; date: string }> {
    return this.write(athleteId, 'rpe', async (m, athlete) => {
      const day = await this.sessions.rateSession(m, athlete, sessionId, rpe);
      if (!day) throw new DomainError(ErrorCode.NotFound, `Session ${sessionId} not found for this athlete`);
      return { changed: day, result: { sessionId, date: day } };
    });
  }

  logSession(athleteId: string, input: LoggedSession): Promise<{ externalId: string; date: string | null }> {
    const externalId = input.externalId ?? randomUUID();
    return this.write(athleteId, 'manual-session', async (m, athlete) => {
      const day = await this.sessions.upsertSession(m, athlete, { ...input, externalId, provider: 'manual', sourceUpdatedAt: this.clock.now() });
      return { changed: day, result: { externalId, date: day } };
    });
  }

  /**
   * A new time zone moves sessions to other local days: their days are derived again and the whole history is
   * recomputed. (Other profile changes apply to sessions that arrive from now on.)
   */
  private async relocalize(athleteId: string, timezone: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE sessions SET local_date = (start_time AT TIME ZONE $2)::date, updated_at = now() WHERE athlete_id = $1`, [athleteId, timezone]);
      await this.outbox.add(manager, JobName.RecomputeLoad, { athleteId, fromDate: '1970-01-01', cause: `timezone-${randomUUID()}` });
    });
  }

  private async write<T>(athleteId: string, what: string, apply: (m: EntityManager, athlete: Athlete) => Promise<{ changed: string | null; result: T }>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const athlete = await manager.findOneBy(Athlete, { id: athleteId });
      if (!athlete) throw new DomainError(ErrorCode.NotFound, `Athlete ${athleteId} not found`);
      const { changed, result } = await apply(manager, athlete);
      if (changed) {
        await queueFollowUpJobs(this.outbox, manager, [{ athleteId, fromDate: changed, cause: `${what}-${randomUUID()}`, selfReport: what === 'self-report' }]);
      }
      return result;
    });
  }
}
