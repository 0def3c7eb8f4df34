import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { Athlete } from '@app/roster';
import {
  addDays,
  ALGO_VERSION,
  buildDailySeries,
  computeStoredMetricsFrom,
  daysBetween,
  EMPTY_RESUME_CONTEXT,
  localDate,
  ResumeContext,
  resumeContext,
  ResumeRow,
  resumeWindowDays,
  StoredDailyMetrics,
} from './calc';
import { DailyMetricsStore } from './daily-metrics.store';
import { LoadCalibrator } from './load-calibrator';
import { isRecoverySession } from './recovery-session';

interface SessionRow {
  athlete_id: string;
  local_date: string;
  load: number;
  rpe: number | null;
  sport: string | null;
  tags: string[];
}

export interface RecomputeResult {
  /** coalesced: an earlier job already did what this one was queued for (see AthleteWork). */
  outcome: 'done' | 'skipped' | 'coalesced';
  /** First day rewritten; null when nothing was. */
  from: string | null;
  rows: number;
  /** true when it resumed from stored rows instead of starting at the athlete's first day. */
  incremental: boolean;
}

/** What one athlete's rebuild needs, read for a whole batch at once. */
interface Plan {
  athlete: Athlete;
  first: string;
  to: string;
  start: string;
  context: ResumeContext;
}

/**
 * load.recompute: rewrites athletes' metric rows from a changed day forward. It resumes from the stored rows of
 * the days before (the engine's carry makes that bit-identical to a full recompute), so an update costs the same
 * whatever the length of the history. It falls back to a full recompute when the history's first day moved, the
 * formulas changed (algoVersion), or the stored rows do not reach the day before. Athletes are rebuilt in batches
 * with a fixed number of queries per batch (a formula upgrade recomputes everyone). One run per athlete at a time
 * (advisory locks), so adding workers never interleaves two rebuilds.
 */
@Injectable()
export class LoadRecomputeService {
  private readonly logger = new Logger(LoadRecomputeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly metrics: DailyMetricsStore,
    private readonly calibrator: LoadCalibrator,
    private readonly clock: Clock,
  ) {}

  async recompute(athleteId: string, fromDate: string, cause: string): Promise<RecomputeResult> {
    const [result] = await this.recomputeMany([athleteId], fromDate, cause);
    return result ?? { outcome: 'skipped', from: null, rows: 0, incremental: false };
  }

  /**
   * The recompute job: rebuilds from the athlete's merged pending work (the earliest day any request since the last
   * run changed); when an earlier job already did it, does nothing and queues no evaluation.
   */
  async recomputePending(athleteId: string, cause: string): Promise<RecomputeResult> {
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, [athleteId]);
      const work = await this.outbox.pendingAthleteWork(manager, athleteId, 'recompute');
      if (!work) return { outcome: 'coalesced', from: null, rows: 0, incremental: false };
      const [result] = await this.rebuildLocked(manager, [athleteId], new Map([[athleteId, work.fromDate ?? '1970-01-01']]), cause);
      await this.outbox.completeAthleteWork(manager, athleteId, 'recompute', work.version);
      return result ?? { outcome: 'skipped', from: null, rows: 0, incremental: false };
    });
  }

  /**
   * load.recompute-batch: recomputePending for many athletes in one transaction (their locks in a fixed order, a
   * fixed number of queries for the batch). If the batch fails, nothing of it is kept and `handOff` names every
   * athlete, for single jobs (their own retries): one athlete's bad data never blocks the others.
   */
  async recomputePendingMany(athleteIds: string[], cause: string): Promise<{ done: number; coalesced: number; handOff: string[] }> {
    const ids = [...new Set(athleteIds)].sort();
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.lock(manager, ids);
        const work = await this.outbox.pendingAthleteWorkMany(manager, ids, 'recompute');
        const todo = ids.filter((id) => work.has(id));
        if (todo.length > 0) {
          await this.rebuildLocked(manager, todo, new Map(todo.map((id) => [id, work.get(id)?.fromDate ?? '1970-01-01'])), cause);
          await this.outbox.completeAthleteWorkMany(manager, 'recompute', todo.map((id) => ({ athleteId: id, version: work.get(id)?.version as string })));
        }
        return { done: todo.length, coalesced: ids.length - todo.length, handOff: [] };
      });
    } catch (error) {
      this.logger.warn(`a recompute batch of ${ids.length} athletes failed (${(error as Error).message}); each goes to its own job`);
      return { done: 0, coalesced: 0, handOff: ids };
    }
  }

  /** One transaction for the batch; returns one result per athlete that still exists, in the given order. */
  async recomputeMany(athleteIds: string[], fromDate: string, cause: string): Promise<RecomputeResult[]> {
    const ids = [...new Set(athleteIds)].sort();
    return this.dataSource.transaction(async (manager) => {
      await this.lock(manager, ids);
      return this.rebuildLocked(manager, athleteIds, new Map(ids.map((id) => [id, fromDate])), cause);
    });
  }

  /** A fixed lock order: two batches never wait on each other in a cycle. */
  private async lock(manager: EntityManager, athleteIds: string[]): Promise<void> {
    const ids = [...new Set(athleteIds)].sort();
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(id, 7263)) FROM unnest($1::text[]) AS id ORDER BY id`, [ids]);
  }

  private async rebuildLocked(manager: EntityManager, athleteIds: string[], fromDates: Map<string, string>, cause: string): Promise<RecomputeResult[]> {
    const athletes = await manager.findBy(Athlete, { id: In([...new Set(athleteIds)]) });
    const rescored = await this.calibrator.recalibrateMany(manager, athletes);
    const from = new Map<string, string>();
    for (const athlete of athletes) {
      const fromDate = fromDates.get(athlete.id) as string;
      const rescoredFrom = rescored.get(athlete.id) ?? null;
      from.set(athlete.id, rescoredFrom !== null && rescoredFrom < fromDate ? rescoredFrom : fromDate);
    }
    const results = await this.rebuild(manager, athletes, from);
    await this.outbox.addMany(manager, JobName.EvaluateAlerts, athletes.map((athlete) => ({ athleteId: athlete.id, cause })));
    this.logger.debug(`${athletes.length} athlete(s): ${[...results.values()].reduce((n, r) => n + r.rows, 0)} rows (${cause})`);
    return athleteIds.filter((id) => results.has(id)).map((id) => results.get(id) as RecomputeResult);
  }

  private async rebuild(manager: EntityManager, athletes: Athlete[], fromDates: Map<string, string>): Promise<Map<string, RecomputeResult>> {
    const results = new Map<string, RecomputeResult>();
    const bounds: { athlete_id: string; first: string; last: string }[] = await manager.query(
      `SELECT athlete_id, min(local_date)::text AS first, max(local_date)::text AS last FROM sessions
       WHERE athlete_id = ANY($1::uuid[]) AND NOT deleted GROUP BY athlete_id`,
      [athletes.map((a) => a.id)],
    );
    const boundsOf = new Map(bounds.map((b) => [b.athlete_id, b]));
    const empty = athletes.filter((a) => !boundsOf.has(a.id));
    if (empty.length > 0) await this.metrics.deleteAll(manager, empty.map((a) => a.id));
    for (const a of empty) results.set(a.id, { outcome: 'done', from: null, rows: 0, incremental: false });

    const plans = await this.plan(manager, athletes.filter((a) => boundsOf.has(a.id)), boundsOf, fromDates);
    if (plans.length === 0) return results;
    const sessions = await this.sessionsFrom(manager, plans);
    const missing = await this.missingDates(manager, plans, sessions);
    const written: { athleteId: string; start: string; rows: StoredDailyMetrics[] }[] = [];
    for (const plan of plans) {
      const own = sessions.get(plan.athlete.id) ?? [];
      const days = buildDailySeries(
        own.map((s) => ({ localDate: s.local_date, load: Number(s.load), isRecovery: isRecoverySession(s) })),
        { from: plan.start, to: plan.to, missingDates: missing.get(plan.athlete.id) },
      );
      const rows = computeStoredMetricsFrom(plan.context, days);
      written.push({ athleteId: plan.athlete.id, start: plan.start, rows });
      results.set(plan.athlete.id, { outcome: 'done', from: plan.start, rows: rows.length, incremental: plan.context.historyDays > 0 });
    }
    await this.metrics.replaceFrom(manager, written);
    await this.metrics.deleteOutside(manager, plans.map((p) => ({ athleteId: p.athlete.id, first: p.first, last: p.to })));
    return results;
  }

  /** Where each athlete restarts, and the engine state just before it (empty = from their first day). */
  private async plan(
    manager: EntityManager,
    athletes: Athlete[],
    boundsOf: Map<string, { first: string; last: string }>,
    fromDates: Map<string, string>,
  ): Promise<Plan[]> {
    const stored = await this.metrics.bounds(manager, athletes.map((a) => a.id));
    const window = resumeWindowDays();
    const plans: Plan[] = athletes.map((athlete) => {
      const { first, last } = boundsOf.get(athlete.id) as { first: string; last: string };
      const today = localDate(this.clock.now(), athlete.timezone);
      const full: Plan = { athlete, first, to: last > today ? last : today, start: first, context: EMPTY_RESUME_CONTEXT };
      const fromDate = fromDates.get(athlete.id) as string;
      const s = stored.get(athlete.id);
      if (fromDate <= first || !s || s.first !== first || s.oldestAlgo !== ALGO_VERSION) return full;
      // Resume at the changed day, or right after the last stored day if the rows stop earlier.
      return { ...full, start: fromDate <= s.last ? fromDate : addDays(s.last, 1) };
    });
    const resuming = plans.filter((p) => p.start !== p.first);
    const before = await this.metrics.resumeRows(
      manager,
      resuming.map((p) => ({ athleteId: p.athlete.id, from: addDays(p.start, -window), to: addDays(p.start, -1) })),
    );
    for (const p of resuming) {
      const rows: ResumeRow[] = before.get(p.athlete.id) ?? [];
      const historyDays = daysBetween(p.first, p.start);
      if (rows.length < Math.min(historyDays, window)) p.start = p.first;
      else p.context = resumeContext(rows, {}, historyDays);
    }
    return plans;
  }

  private async sessionsFrom(manager: EntityManager, plans: Plan[]): Promise<Map<string, SessionRow[]>> {
    const rows: SessionRow[] = await manager.query(
      `SELECT s.athlete_id, s.local_date::text, s.load, s.rpe, s.sport, s.tags
       FROM sessions s JOIN unnest($1::uuid[], $2::date[]) AS p(athlete_id, start) ON p.athlete_id = s.athlete_id
       WHERE NOT s.deleted AND s.local_date >= p.start ORDER BY s.athlete_id, s.local_date`,
      [plans.map((p) => p.athlete.id), plans.map((p) => p.start)],
    );
    return groupBy(rows, (r) => r.athlete_id);
  }

  /**
   * SPEC §4 "missing": the athlete reported not wearing the device, or has a daily-summary source (recovery
   * rows) and nothing arrived that day. Days with a session are never missing by absence.
   */
  private async missingDates(manager: EntityManager, plans: Plan[], sessions: Map<string, SessionRow[]>): Promise<Map<string, string[]>> {
    const params = [plans.map((p) => p.athlete.id), plans.map((p) => p.start), plans.map((p) => p.to)];
    const notWorn: { athlete_id: string; date: string }[] = await manager.query(
      `SELECT r.athlete_id, r.date::text FROM self_reports r JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS p(athlete_id, start, stop)
         ON p.athlete_id = r.athlete_id WHERE r.did_not_wear_device AND r.date BETWEEN p.start AND p.stop`,
      params,
    );
    const recovery: { athlete_id: string; first: string; dates: string[] }[] = await manager.query(
      `SELECT d.athlete_id, min(d.date)::text AS first, array_agg(DISTINCT d.date::text) FILTER (WHERE d.date BETWEEN p.start AND p.stop) AS dates
       FROM daily_recovery d JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS p(athlete_id, start, stop) ON p.athlete_id = d.athlete_id
       GROUP BY d.athlete_id`,
      params,
    );
    const notWornOf = groupBy(notWorn, (r) => r.athlete_id);
    const recoveryOf = new Map(recovery.map((r) => [r.athlete_id, r]));
    const out = new Map<string, string[]>();
    for (const p of plans) {
      const missing = new Set((notWornOf.get(p.athlete.id) ?? []).map((r) => r.date));
      const summary = recoveryOf.get(p.athlete.id);
      if (summary && summary.first <= p.to) {
        const known = new Set([...(summary.dates ?? []), ...(sessions.get(p.athlete.id) ?? []).map((s) => s.local_date)]);
        for (let d = summary.first > p.start ? summary.first : p.start; d <= p.to; d = addDays(d, 1)) if (!known.has(d)) missing.add(d);
      }
      out.set(p.athlete.id, [...missing]);
    }
    return out;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
