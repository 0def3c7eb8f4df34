import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DomainError } from '@app/common';
import { OutboxRepository } from '@app/queue';
import { Athlete } from '@app/roster';
import { DataChanged, queueFollowUpJobs, SessionStore } from '@app/training-load';
import { ChangeApplier } from './changes/change-applier';
import type { DataChange } from './changes/change.types';
import { ConnectionService } from './connections/connection.service';
import { RawEvent } from './entities';
import { ProviderEventResolver } from './providers/provider-event.resolver';
import { standardEventToChanges } from './standard/standard-event.changes';
import { athleteRefOf, parseStandardEvent, StandardEvent } from './standard/standard-event.schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a batch did; `handOff`: the raw events it left to single ingest.normalize jobs (their own retries). */
export interface NormalizeBatchResult {
  applied: number;
  unchanged: number;
  rejected: number;
  /** Already processed, missing, or being processed by another job right now (it owns them). */
  skipped: number;
  handOff: string[];
}

interface BatchRaw {
  id: string;
  source: string;
  team_id: string | null;
  received_at: Date;
  body: string;
}

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
    private readonly sessions: SessionStore,
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
      const selfReport = changes.some((c) => c.kind === 'self-report.upsert');
      if (from) await queueFollowUpJobs(this.outbox, manager, [{ athleteId: athlete.id, fromDate: from, cause: `raw-${raw.id}`, selfReport }]);
      return deauthorized ? 'deauthorized' : from ? 'applied' : 'unchanged';
    });
  }

  /**
   * ingest.normalize-batch: many Standard Webhooks raw events in one transaction (one read of the events and their
   * athletes, the sessions' locks taken once in a fixed order, one update marking them, one recompute request per
   * athlete). Raw events another transaction holds are skipped (that job owns them); platform events (fetch-back)
   * and any batch that fails are handed off to single jobs, so one bad event never blocks or loses the others.
   * Running it twice changes nothing the second time.
   */
  async normalizeBatch(rawEventIds: string[]): Promise<NormalizeBatchResult> {
    try {
      return await this.dataSource.transaction((manager) => this.normalizeBatchIn(manager, rawEventIds));
    } catch (error) {
      this.logger.warn(`a batch of ${rawEventIds.length} raw events failed (${(error as Error).message}); each goes to its own job`);
      return { applied: 0, unchanged: 0, rejected: 0, skipped: 0, handOff: [...rawEventIds] };
    }
  }

  private async normalizeBatchIn(manager: EntityManager, rawEventIds: string[]): Promise<NormalizeBatchResult> {
    const result: NormalizeBatchResult = { applied: 0, unchanged: 0, rejected: 0, skipped: 0, handOff: [] };
    const raws: BatchRaw[] = await manager.query(
      `SELECT id::text, source, team_id, received_at, body FROM raw_events WHERE id = ANY($1::bigint[]) AND status = 'pending' ORDER BY id FOR UPDATE SKIP LOCKED`,
      [rawEventIds],
    );
    result.skipped = rawEventIds.length - raws.length;
    const parsed: { raw: BatchRaw; event: StandardEvent }[] = [];
    const rejected: { id: string; reason: string }[] = [];
    for (const raw of raws) {
      if (!raw.source.startsWith('standard:')) {
        result.handOff.push(raw.id);
        continue;
      }
      try {
        const event = parseStandardEvent(raw.body);
        if (raw.team_id) parsed.push({ raw, event });
        else rejected.push({ id: raw.id, reason: 'raw event has no team' });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        rejected.push({ id: raw.id, reason: error.message });
      }
    }

    const athletes = await this.athletesOf(manager, parsed);
    const resolved: { raw: BatchRaw; athlete: Athlete; changes: DataChange[] }[] = [];
    for (const { raw, event } of parsed) {
      const ref = athleteRefOf(event.data);
      const athlete = athletes.get('athleteId' in ref ? `${raw.team_id} id ${ref.athleteId}` : `${raw.team_id} ext ${ref.athleteExternalId}`);
      if (!athlete) rejected.push({ id: raw.id, reason: 'athlete no longer exists' });
      else resolved.push({ raw, athlete, changes: standardEventToChanges(event) });
    }

    const keys = resolved.flatMap((r) => this.applier.sessionKeys(r.raw.source, r.changes));
    await this.sessions.lockSessions(manager, keys);
    // Read under the locks, for all of them at once; each session's first write in the batch uses it.
    const known = await this.sessions.known(manager, keys);
    // Per athlete: the earliest changed day and the first raw event that changed it (the recompute's cause).
    const recompute = new Map<string, DataChanged>();
    const days = await this.applier.applyMany(
      manager,
      resolved.map(({ raw, athlete, changes }) => ({ athlete, provider: raw.source, changes, receivedAt: raw.received_at })),
      { sessionsLocked: true, known },
    );
    for (const [i, { raw, athlete, changes }] of resolved.entries()) {
      const from = days[i];
      if (!from) {
        result.unchanged++;
        continue;
      }
      result.applied++;
      const selfReport = changes.some((c) => c.kind === 'self-report.upsert');
      const request = recompute.get(athlete.id);
      if (!request) recompute.set(athlete.id, { athleteId: athlete.id, fromDate: from, cause: `raw-${raw.id}`, selfReport });
      else {
        if (from < request.fromDate) request.fromDate = from;
        request.selfReport ||= selfReport;
      }
    }

    if (resolved.length > 0) {
      await manager.query(`UPDATE raw_events SET status = 'processed', processed_at = now(), error = NULL WHERE id = ANY($1::bigint[])`, [resolved.map((r) => r.raw.id)]);
    }
    if (rejected.length > 0) {
      for (const r of rejected) this.logger.warn(`raw event ${r.id} rejected: ${r.reason}`);
      await manager.query(
        `UPDATE raw_events SET status = 'failed', error = r.reason, processed_at = now() FROM unnest($1::bigint[], $2::text[]) AS r(id, reason) WHERE raw_events.id = r.id`,
        [rejected.map((r) => r.id), rejected.map((r) => r.reason)],
      );
      result.rejected = rejected.length;
    }
    await queueFollowUpJobs(this.outbox, manager, [...recompute.values()]);
    return result;
  }

  /** The batch's athletes in one query, keyed `<team> id <id>` and `<team> ext <externalId>`. */
  private async athletesOf(manager: EntityManager, parsed: { raw: BatchRaw; event: StandardEvent }[]): Promise<Map<string, Athlete>> {
    const teamIds = new Set<string>();
    const ids = new Set<string>();
    const externalIds = new Set<string>();
    for (const { raw, event } of parsed) {
      teamIds.add(raw.team_id as string);
      const ref = athleteRefOf(event.data);
      if ('athleteId' in ref) {
        if (UUID.test(ref.athleteId)) ids.add(ref.athleteId);
      } else externalIds.add(ref.athleteExternalId);
    }
    const out = new Map<string, Athlete>();
    if (teamIds.size === 0) return out;
    const where = [
      ...(ids.size > 0 ? [{ teamId: In([...teamIds]), id: In([...ids]) }] : []),
      ...(externalIds.size > 0 ? [{ teamId: In([...teamIds]), externalId: In([...externalIds]) }] : []),
    ];
    if (where.length === 0) return out;
    for (const a of await manager.find(Athlete, { where })) {
      out.set(`${a.teamId} id ${a.id}`, a);
      if (a.externalId !== null) out.set(`${a.teamId} ext ${a.externalId}`, a);
    }
    return out;
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
