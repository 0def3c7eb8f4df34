import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobName, JobPayloads } from './queue.contracts';

export interface PendingOutboxMessage {
  id: string;
  jobName: JobName;
  payload: JobPayloads[JobName];
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Call inside the transaction that writes the data the job is about. */
  async add<N extends JobName>(manager: EntityManager, jobName: N, payload: JobPayloads[N]): Promise<void> {
    await manager.query(`INSERT INTO outbox (job_name, payload) VALUES ($1, $2)`, [jobName, JSON.stringify(payload)]);
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
