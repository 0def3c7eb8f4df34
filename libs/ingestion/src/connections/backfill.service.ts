import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { Athlete } from '@app/roster';
import { addDays, localDate } from '@app/training-load';
import { ChangeApplier } from '../changes/change-applier';
import { ProviderApiFactory } from '../providers/provider-api.factory';
import { ProviderRegistry } from '../providers/provider-registry';
import { ConnectionService } from './connection.service';
import { ProviderConnection } from './provider-connection.entity';

export const BACKFILL_DAYS = 90;

/**
 * provider.backfill: fetches the last 90 days of a new connection page by page, so the chronic load has history
 * from day one. Progress is stored on the connection (visible through the API); each page is written in its own
 * transaction, so a retry after a crash redoes at most one page (upserts make that harmless).
 */
@Injectable()
export class BackfillService {
  private readonly logger = new Logger(BackfillService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: ProviderRegistry,
    private readonly apis: ProviderApiFactory,
    private readonly connections: ConnectionService,
    private readonly applier: ChangeApplier,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  async run(connectionId: string): Promise<'done' | 'skipped' | 'not-supported'> {
    const connection = await this.dataSource.getRepository(ProviderConnection).findOneBy({ id: connectionId });
    if (!connection || connection.status !== 'active') return 'skipped';
    const athlete = await this.dataSource.getRepository(Athlete).findOneByOrFail({ id: connection.athleteId });
    const adapter = this.registry.get(connection.provider);
    if (!adapter.backfill) {
      await this.connections.updateBackfill(connection.id, 'not-supported', {});
      return 'not-supported';
    }
    const since = addDays(localDate(this.clock.now(), athlete.timezone), -BACKFILL_DAYS);
    const progress = { since, pages: 0, sessions: 0, recoveryDays: 0, startedAt: this.clock.now().toISOString() } as Record<string, unknown> & {
      pages: number;
      sessions: number;
      recoveryDays: number;
    };
    await this.connections.updateBackfill(connection.id, 'running', progress);
    try {
      for await (const changes of adapter.backfill(this.apis.context(adapter, connection), since)) {
        await this.dataSource.transaction(async (manager) => {
          const from = await this.applier.apply(manager, athlete, adapter.id, changes, this.clock.now());
          if (from) await this.outbox.add(manager, JobName.RecomputeLoad, { athleteId: athlete.id, fromDate: from, cause: `backfill-${connection.id}-${progress.pages}` });
        });
        progress.pages++;
        progress.sessions += changes.filter((c) => c.kind === 'session.upsert').length;
        progress.recoveryDays += changes.filter((c) => c.kind === 'recovery.upsert').length;
        await this.connections.updateBackfill(connection.id, 'running', progress);
      }
    } catch (error) {
      await this.connections.updateBackfill(connection.id, 'failed', { ...progress, lastError: (error as Error).message.slice(0, 500) });
      throw error;
    }
    await this.connections.updateBackfill(connection.id, 'done', { ...progress, finishedAt: this.clock.now().toISOString() });
    await this.connections.markSynced(connection.id);
    this.logger.log(`backfill of ${adapter.id} for athlete ${athlete.id}: ${progress.sessions} sessions, ${progress.recoveryDays} recovery days`);
    return 'done';
  }
}
