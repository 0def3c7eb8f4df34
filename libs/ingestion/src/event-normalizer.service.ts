import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { Athlete } from '@app/roster';
import { ChangeApplier } from './changes/change-applier';
import type { DataChange } from './changes/change.types';
import { ConnectionService } from './connections/connection.service';
import { RawEvent } from './entities';
import { ProviderEventResolver } from './providers/provider-event.resolver';
import { standardEventToChanges } from './standard/standard-event.changes';
import { athleteRefOf, parseStandardEvent } from './standard/standard-event.schema';

export type NormalizeOutcome = 'applied' | 'unchanged' | 'already-processed' | 'rejected' | 'missing' | 'deauthorized';

type Resolved = { athlete: Athlete; changes: DataChange[] } | { rejected: string };

/**
 * ingest.normalize: turns a stored raw event into sessions / recovery / self-reports. Fetch-back from a platform
 * happens first, outside any transaction; then, in one transaction, the changes are written, the raw event is
 * marked processed and the recompute is queued. Running it twice changes nothing the second time.
 */
@Injectable()
export class EventNormalizer {
  private readonly logger = new Logger(EventNormalizer.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applier: ChangeApplier,
    private readonly outbox: OutboxRepository,
    private readonly providerEvents: ProviderEventResolver,
    private readonly connections: ConnectionService,
  ) {}

  async normalize(rawEventId: string): Promise<NormalizeOutcome> {
    const raw = await this.dataSource.getRepository(RawEvent).findOneBy({ id: rawEventId });
    if (!raw) return 'missing';
    if (raw.status === 'processed') return 'already-processed';
    const resolved = raw.source.startsWith('standard:') ? await this.resolveStandard(raw) : await this.providerEvents.resolve(raw);

    return this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(RawEvent, { where: { id: rawEventId }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.status === 'processed') return 'already-processed';
      if ('rejected' in resolved) return this.reject(manager, raw, resolved.rejected);
      const { athlete, changes } = resolved;
      const provider = raw.source;
      const changedFrom = await this.applier.apply(manager, athlete, provider, changes, raw.receivedAt);
      const deauthorized = changes.some((c) => c.kind === 'deauthorized') && raw.connectionId !== null;
      const purgedFrom = deauthorized ? await this.connections.revoke(manager, raw.connectionId as string, 'platform reported the athlete revoked access') : null;
      await manager.update(RawEvent, { id: raw.id }, { status: 'processed', processedAt: new Date(), error: null });
      const from = [changedFrom, purgedFrom].filter((d): d is string => d !== null).sort()[0];
      if (from) await this.outbox.add(manager, JobName.RecomputeLoad, { athleteId: athlete.id, fromDate: from, cause: `raw-${raw.id}` });
      return deauthorized ? 'deauthorized' : from ? 'applied' : 'unchanged';
    });
  }

  async markFailed(rawEventId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(RawEvent).update({ id: rawEventId, status: 'pending' }, { status: 'failed', error: reason.slice(0, 2000) });
  }

  private async resolveStandard(raw: RawEvent): Promise<Resolved> {
    try {
      const event = parseStandardEvent(raw.body);
      if (!raw.teamId) return { rejected: 'raw event has no team' };
      const ref = athleteRefOf(event.data);
      const teamId = raw.teamId;
      const athlete = await this.dataSource
        .getRepository(Athlete)
        .findOneBy('athleteId' in ref ? { teamId, id: ref.athleteId } : { teamId, externalId: ref.athleteExternalId });
      return athlete ? { athlete, changes: standardEventToChanges(event) } : { rejected: 'athlete no longer exists' };
    } catch (error) {
      // The API validated it on the way in, so this is a bug or a hand-edited row: record it, do not retry.
      if (error instanceof DomainError) return { rejected: error.message };
      throw error;
    }
  }

  private async reject(manager: EntityManager, raw: RawEvent, reason: string): Promise<NormalizeOutcome> {
    this.logger.warn(`raw event ${raw.id} rejected: ${reason}`);
    await manager.update(RawEvent, { id: raw.id }, { status: 'failed', error: reason, processedAt: new Date() });
    return 'rejected';
  }
}
