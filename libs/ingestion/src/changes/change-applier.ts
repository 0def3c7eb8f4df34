import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Athlete } from '@app/roster';
import { hasLoadedExercises, SessionInput, SessionStore, SessionWriteOptions } from '@app/training-load';
import type { DataChange } from './change.types';

const earliest = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/** Writes normalized changes for one athlete inside the caller's transaction; returns the earliest day touched. */
@Injectable()
export class ChangeApplier {
  constructor(private readonly sessions: SessionStore) {}

  async apply(manager: EntityManager, athlete: Athlete, provider: string, changes: DataChange[], receivedAt: Date, options: SessionWriteOptions = {}): Promise<string | null> {
    let from: string | null = null;
    for (const change of changes) {
      from = earliest(from, await this.applyOne(manager, athlete, provider, change, receivedAt, options));
    }
    return from;
  }

  /**
   * `apply` for many events (the caller holds their sessions' locks): plain session upserts whose session no other
   * change of the batch touches are written by one statement; every other event is applied one by one, in order.
   * Returns the earliest day each event touched.
   */
  async applyMany(
    manager: EntityManager,
    events: { athlete: Athlete; provider: string; changes: DataChange[]; receivedAt: Date }[],
    options: SessionWriteOptions & { sessionsLocked: true },
  ): Promise<(string | null)[]> {
    const touches = new Map<string, number>();
    for (const e of events) for (const k of this.sessionKeys(e.provider, e.changes)) touches.set(`${k.provider}\n${k.externalId}`, (touches.get(`${k.provider}\n${k.externalId}`) ?? 0) + 1);
    const bulk: { index: number; athlete: Athlete; input: SessionInput }[] = [];
    const out: (string | null)[] = events.map(() => null);
    for (const [index, e] of events.entries()) {
      const [change] = e.changes;
      if (e.changes.length === 1 && change.kind === 'session.upsert' && !hasLoadedExercises(change.session) && touches.get(`${e.provider}\n${change.session.externalId}`) === 1) {
        bulk.push({ index, athlete: e.athlete, input: { ...change.session, provider: e.provider, sourceUpdatedAt: change.session.sourceUpdatedAt ?? e.receivedAt } });
      } else {
        out[index] = await this.apply(manager, e.athlete, e.provider, e.changes, e.receivedAt, options);
      }
    }
    const days = await this.sessions.upsertSessionsBulk(manager, bulk, options);
    for (const [i, b] of bulk.entries()) out[b.index] = days[i];
    return out;
  }

  /** The sessions these changes write (for SessionStore.lockSessions). */
  sessionKeys(provider: string, changes: DataChange[]): { provider: string; externalId: string }[] {
    return changes.flatMap((c) =>
      c.kind === 'session.upsert' ? [{ provider, externalId: c.session.externalId }] : c.kind === 'session.delete' ? [{ provider, externalId: c.externalId }] : [],
    );
  }

  private applyOne(manager: EntityManager, athlete: Athlete, provider: string, change: DataChange, receivedAt: Date, options: SessionWriteOptions): Promise<string | null> {
    switch (change.kind) {
      case 'session.upsert':
        return this.sessions.upsertSession(manager, athlete, { ...change.session, provider, sourceUpdatedAt: change.session.sourceUpdatedAt ?? receivedAt }, options);
      case 'session.delete':
        return this.sessions.deleteSession(manager, athlete, provider, change.externalId, change.at ?? receivedAt, options);
      case 'sessions.replace-day':
        return this.sessions.deleteSessionsOfDayExcept(manager, athlete, provider, change.date, change.keepExternalIds, change.at ?? receivedAt);
      case 'recovery.upsert':
        return this.sessions.upsertRecovery(manager, athlete, { ...change.recovery, source: provider });
      case 'self-report.upsert':
        return this.sessions.upsertSelfReport(manager, athlete, change.report);
      case 'deauthorized':
        return Promise.resolve(null); // handled by the caller, which owns the connection
    }
  }
}
