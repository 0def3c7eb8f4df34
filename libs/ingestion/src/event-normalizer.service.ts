import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { Athlete } from '@app/roster';
import { SessionStore } from '@app/training-load';
import { RawEvent } from './entities';
import { athleteRefOf, parseStandardEvent, StandardEvent } from './standard/standard-event.schema';

export type NormalizeOutcome = 'applied' | 'unchanged' | 'already-processed' | 'rejected' | 'missing';

/**
 * ingest.normalize: turns a stored raw event into sessions / recovery / self-reports, marks it processed and
 * queues the recompute, all in one transaction. Running it twice changes nothing the second time.
 */
@Injectable()
export class EventNormalizer {
  private readonly logger = new Logger(EventNormalizer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionStore,
    private readonly outbox: OutboxRepository,
  ) {}

  async normalize(rawEventId: string): Promise<NormalizeOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const raw = await manager.findOne(RawEvent, { where: { id: rawEventId }, lock: { mode: 'pessimistic_write' } });
      if (!raw) return 'missing';
      if (raw.status === 'processed') return 'already-processed';
      let event: StandardEvent;
      try {
        event = parseStandardEvent(raw.body);
      } catch (error) {
        // The API validated it on the way in, so this is a bug or a hand-edited row: record it, do not retry.
        return this.reject(manager, raw, error instanceof DomainError ? error.message : String(error));
      }
      const ref = athleteRefOf(event.data);
      if (!raw.teamId) return this.reject(manager, raw, 'raw event has no team');
      const teamId = raw.teamId;
      const athlete = await manager.findOneBy(Athlete, 'athleteId' in ref ? { teamId, id: ref.athleteId } : { teamId, externalId: ref.athleteExternalId });
      if (!athlete) return this.reject(manager, raw, 'athlete no longer exists');

      const changedFrom = await this.apply(manager, athlete, raw, event);
      await manager.update(RawEvent, { id: raw.id }, { status: 'processed', processedAt: new Date(), error: null });
      if (changedFrom === null) return 'unchanged';
      await this.outbox.add(manager, JobName.RecomputeLoad, { athleteId: athlete.id, fromDate: changedFrom, cause: `raw-${raw.id}` });
      return 'applied';
    });
  }

  async markFailed(rawEventId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(RawEvent).update({ id: rawEventId, status: 'pending' }, { status: 'failed', error: reason.slice(0, 2000) });
  }

  private apply(manager: EntityManager, athlete: Athlete, raw: RawEvent, event: StandardEvent): Promise<string | null> {
    const provider = raw.source;
    const sourceUpdatedAt = (updatedAt?: string) => (updatedAt ? new Date(updatedAt) : raw.receivedAt);
    switch (event.type) {
      case 'session.upserted': {
        const d = event.data;
        return this.sessions.upsertSession(manager, athlete, {
          provider,
          externalId: d.externalId,
          startTime: new Date(d.startTime),
          durationS: d.durationS,
          movingTimeS: d.movingTimeS,
          sport: d.sport,
          distanceM: d.distanceM,
          avgHr: d.avgHr,
          maxHr: d.maxHr,
          rpe: d.rpe,
          exercises: d.exercises,
          tags: d.tags,
          sourceUpdatedAt: sourceUpdatedAt(d.updatedAt),
        });
      }
      case 'session.deleted':
        return this.sessions.deleteSession(manager, athlete, provider, event.data.externalId, sourceUpdatedAt(event.data.updatedAt));
      case 'recovery.upserted':
        return this.sessions.upsertRecovery(manager, athlete, { ...event.data, source: provider });
      case 'self_report.upserted':
        return this.sessions.upsertSelfReport(manager, athlete, event.data);
    }
  }

  private async reject(manager: EntityManager, raw: RawEvent, reason: string): Promise<NormalizeOutcome> {
    this.logger.warn(`raw event ${raw.id} rejected: ${reason}`);
    await manager.update(RawEvent, { id: raw.id }, { status: 'failed', error: reason, processedAt: new Date() });
    return 'rejected';
  }
}
