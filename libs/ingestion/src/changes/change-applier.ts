import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Athlete } from '@app/roster';
import { SessionStore, SessionWriteOptions } from '@app/training-load';
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
