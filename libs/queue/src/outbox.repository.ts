import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AthleteWorkKind } from './athlete-work.entity';
import { JobName, JobPayloads } from './queue.contracts';

export interface PendingOutboxMessage {
  id: string;
  jobName: JobName;
  payload: JobPayloads[JobName];
}

// Jobs whose work merges per athlete: running one of them does what every earlier request asked for.
const COALESCED: Partial<Record<JobName, AthleteWorkKind>> = { [JobName.RecomputeLoad]: 'recompute', [JobName.EvaluateAlerts]: 'evaluate' };

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Call inside the transaction that writes the data the job is about. Recompute and evaluate jobs also merge
   * into the athlete's pending work (see AthleteWork), which their jobs take under the athlete's lock.
   */
  async add<N extends JobName>(manager: EntityManager, jobName: N, payload: JobPayloads[N]): Promise<void> {
    const kind = COALESCED[jobName];
    if (!kind) {
      await manager.query(`INSERT INTO outbox (job_name, payload) VALUES ($1, $2)`, [jobName, JSON.stringify(payload)]);
      return;
    }
    const { athleteId, fromDate } = payload as { athleteId: string; fromDate?: string };
    await manager.query(
      `WITH work AS (
         INSERT INTO athlete_work (athlete_id, kind, from_date) VALUES ($3, $4, $5)
         ON CONFLICT (athlete_id, kind) DO UPDATE SET from_date = LEAST(athlete_work.from_date, EXCLUDED.from_date), version = athlete_work.version + 1
       )
       INSERT INTO outbox (job_name, payload) VALUES ($1, $2)`,
      [jobName, JSON.stringify(payload), athleteId, kind, fromDate ?? null],
    );
  }

  /**
   * `add` for many requests of one kind in one statement. Recompute and evaluate requests must name distinct
   * athletes; their work rows are merged in athlete order, so two batches never wait on each other in a cycle.
   */
  async addMany<N extends JobName>(manager: EntityManager, jobName: N, payloads: JobPayloads[N][]): Promise<void> {
    if (payloads.length === 0) return;
    const kind = COALESCED[jobName];
    const sorted = kind ? [...payloads].sort((a, b) => ((a as { athleteId: string }).athleteId < (b as { athleteId: string }).athleteId ? -1 : 1)) : payloads;
    const json = sorted.map((p) => JSON.stringify(p));
    if (!kind) {
      await manager.query(`INSERT INTO outbox (job_name, payload) SELECT $1, p::jsonb FROM unnest($2::text[]) WITH ORDINALITY AS x(p, n) ORDER BY n`, [jobName, json]);
      return;
    }
    const works = sorted as { athleteId: string; fromDate?: string }[];
    await manager.query(
      `WITH work AS (
         INSERT INTO athlete_work (athlete_id, kind, from_date)
         SELECT a, $3, f FROM unnest($4::uuid[], $5::date[]) WITH ORDINALITY AS w(a, f, n) ORDER BY n
         ON CONFLICT (athlete_id, kind) DO UPDATE SET from_date = LEAST(athlete_work.from_date, EXCLUDED.from_date), version = athlete_work.version + 1
       )
       INSERT INTO outbox (job_name, payload) SELECT $1, p::jsonb FROM unnest($2::text[]) WITH ORDINALITY AS x(p, n) ORDER BY n`,
      [jobName, json, kind, works.map((w) => w.athleteId), works.map((w) => w.fromDate ?? null)],
    );
  }

  /**
   * Many athletes' pending work of a kind at once (read under their locks, like pendingAthleteWork): only the
   * athletes that have some.
   */
  async pendingAthleteWorkMany(manager: EntityManager, athleteIds: string[], kind: AthleteWorkKind): Promise<Map<string, { fromDate: string | null; version: string }>> {
    const rows: { athlete_id: string; from_date: string | null; version: string }[] = await manager.query(
      `SELECT athlete_id, from_date::text, version::text FROM athlete_work WHERE athlete_id = ANY($1::uuid[]) AND kind = $2`,
      [athleteIds, kind],
    );
    return new Map(rows.map((r) => [r.athlete_id, { fromDate: r.from_date, version: r.version }]));
  }

  /** completeAthleteWork for many athletes, taking the rows in athlete order. */
  async completeAthleteWorkMany(manager: EntityManager, kind: AthleteWorkKind, done: { athleteId: string; version: string }[]): Promise<void> {
    if (done.length === 0) return;
    await manager.query(
      `DELETE FROM athlete_work w USING (
         SELECT t.athlete_id, d.version AS done_version FROM athlete_work t JOIN unnest($2::uuid[], $3::bigint[]) AS d(athlete_id, version) ON d.athlete_id = t.athlete_id
         WHERE t.kind = $1 ORDER BY t.athlete_id FOR UPDATE OF t
       ) l
       WHERE w.athlete_id = l.athlete_id AND w.kind = $1 AND w.version = l.done_version`,
      [kind, done.map((d) => d.athleteId), done.map((d) => d.version)],
    );
  }

  /**
   * The athlete's pending work of a kind (read under the athlete's lock, before reading the data it is about):
   * null when an earlier job already did it. Every request committed before this read is covered by it.
   */
  async pendingAthleteWork(manager: EntityManager, athleteId: string, kind: AthleteWorkKind): Promise<{ fromDate: string | null; version: string } | null> {
    const [row]: { from_date: string | null; version: string }[] = await manager.query(
      `SELECT from_date::text, version::text FROM athlete_work WHERE athlete_id = $1 AND kind = $2`,
      [athleteId, kind],
    );
    return row ? { fromDate: row.from_date, version: row.version } : null;
  }

  /**
   * Marks the work done, at the end of the job's transaction, unless a request merged into it since it was read
   * (then the row stays for that request's job). Deleting last keeps the row unlocked while the job writes
   * sessions and metrics, so it never waits in a cycle with a normaliser.
   */
  async completeAthleteWork(manager: EntityManager, athleteId: string, kind: AthleteWorkKind, version: string): Promise<void> {
    await manager.query(`DELETE FROM athlete_work WHERE athlete_id = $1 AND kind = $2 AND version = $3`, [athleteId, kind, version]);
  }

  /**
   * Hands a batch of unrelayed messages to `relay` and marks the ones it relayed, all while holding row locks
   * (SKIP LOCKED: several relays share the work without taking the same row twice).
   */
  async relayBatch(limit: number, relay: (messages: PendingOutboxMessage[]) => Promise<string[]>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { id: string; job_name: JobName; payload: JobPayloads[JobName] }[] = await manager.query(
        `SELECT id, job_name, payload FROM outbox WHERE relayed_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const relayedIds = await relay(rows.map((r) => ({ id: String(r.id), jobName: r.job_name, payload: r.payload })));
      if (relayedIds.length > 0) {
        await manager.query(`UPDATE outbox SET relayed_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [relayedIds]);
      }
      return relayedIds.length;
    });
  }

  async pruneRelayed(olderThanDays: number): Promise<number> {
    const [, count] = await this.dataSource.query(`DELETE FROM outbox WHERE relayed_at < now() - make_interval(days => $1)`, [olderThanDays]);
    return Number(count ?? 0);
  }

  async countPending(): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM outbox WHERE relayed_at IS NULL`);
    return count;
  }
}
