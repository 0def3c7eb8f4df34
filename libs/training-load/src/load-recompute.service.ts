import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
} from './calc';
import { DailyMetricsStore } from './daily-metrics.store';
import { LoadCalibrator } from './load-calibrator';
import { isRecoverySession } from './recovery-session';

interface SessionRow {
  local_date: string;
  load: number;
  rpe: number | null;
  sport: string | null;
  tags: string[];
}

export interface RecomputeResult {
  outcome: 'done' | 'skipped';
  /** First day rewritten; null when nothing was. */
  from: string | null;
  rows: number;
  /** true when it resumed from stored rows instead of starting at the athlete's first day. */
  incremental: boolean;
}

/**
 * load.recompute: rewrites an athlete's metric rows from a changed day forward. It resumes from the stored rows
 * of the days before (the engine's carry makes that bit-identical to a full recompute), so an update costs the
 * same whatever the length of the history. It falls back to a full recompute when the history's first day moved,
 * the formulas changed (algoVersion), or the stored rows do not reach the day before. One run per athlete at a
 * time (advisory lock), so adding workers never interleaves two rebuilds.
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
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7263))`, [athleteId]);
      const athlete = await manager.findOneBy(Athlete, { id: athleteId });
      if (!athlete) return { outcome: 'skipped', from: null, rows: 0, incremental: false };
      const rescoredFrom = await this.calibrator.recalibrate(manager, athlete);
      const from = rescoredFrom !== null && rescoredFrom < fromDate ? rescoredFrom : fromDate;
      const result = await this.rebuild(manager, athlete, from);
      this.logger.debug(`athlete ${athleteId}: ${result.rows} rows from ${result.from} (${result.incremental ? 'resumed' : 'full'}; ${cause})`);
      await this.outbox.add(manager, JobName.EvaluateAlerts, { athleteId, cause });
      return result;
    });
  }

  private async rebuild(manager: EntityManager, athlete: Athlete, fromDate: string): Promise<RecomputeResult> {
    const [bounds] = await manager.query(
      `SELECT min(local_date)::text AS first, max(local_date)::text AS last FROM sessions WHERE athlete_id = $1 AND NOT deleted`,
      [athlete.id],
    );
    if (!bounds.first) {
      await this.metrics.deleteAll(manager, athlete.id);
      return { outcome: 'done', from: null, rows: 0, incremental: false };
    }
    const first: string = bounds.first;
    const today = localDate(this.clock.now(), athlete.timezone);
    const to = bounds.last > today ? (bounds.last as string) : today;
    const { start, context } = await this.resumePoint(manager, athlete.id, first, fromDate);
    const sessions: SessionRow[] = await manager.query(
      `SELECT local_date::text, load, rpe, sport, tags FROM sessions WHERE athlete_id = $1 AND NOT deleted AND local_date >= $2 ORDER BY local_date`,
      [athlete.id, start],
    );
    const days = buildDailySeries(
      sessions.map((s) => ({ localDate: s.local_date, load: Number(s.load), isRecovery: isRecoverySession(s) })),
      { from: start, to, missingDates: await this.missingDates(manager, athlete.id, start, to, sessions) },
    );
    const rows = computeStoredMetricsFrom(context, days);
    await this.metrics.upsert(manager, athlete.id, rows);
    await this.metrics.deleteOutside(manager, athlete.id, first, to);
    return { outcome: 'done', from: start, rows: rows.length, incremental: context.historyDays > 0 };
  }

  /** Where to restart, and the engine state just before it (empty = from the athlete's first day). */
  private async resumePoint(manager: EntityManager, athleteId: string, first: string, fromDate: string): Promise<{ start: string; context: ResumeContext }> {
    const full = { start: first, context: EMPTY_RESUME_CONTEXT };
    if (fromDate <= first) return full;
    const stored = await this.metrics.bounds(manager, athleteId);
    if (!stored || stored.first !== first || stored.oldestAlgo !== ALGO_VERSION) return full;
    // Resume at the changed day, or right after the last stored day if the rows stop earlier.
    const start = fromDate <= stored.last ? fromDate : addDays(stored.last, 1);
    const window = resumeWindowDays();
    const before: ResumeRow[] = await this.metrics.resumeRows(manager, athleteId, addDays(start, -window), addDays(start, -1));
    const historyDays = daysBetween(first, start);
    if (before.length < Math.min(historyDays, window)) return full;
    return { start, context: resumeContext(before, {}, historyDays) };
  }

  /**
   * SPEC §4 "missing": the athlete reported not wearing the device, or has a daily-summary source (recovery
   * rows) and nothing arrived that day. Days with a session are never missing by absence.
   */
  private async missingDates(manager: EntityManager, athleteId: string, from: string, to: string, sessions: SessionRow[]): Promise<string[]> {
    const notWorn: { date: string }[] = await manager.query(
      `SELECT date::text FROM self_reports WHERE athlete_id = $1 AND did_not_wear_device AND date BETWEEN $2 AND $3`,
      [athleteId, from, to],
    );
    const [summary] = await manager.query(`SELECT min(date)::text AS first FROM daily_recovery WHERE athlete_id = $1`, [athleteId]);
    const missing = new Set(notWorn.map((r) => r.date));
    if (summary.first && summary.first <= to) {
      const arrived: { date: string }[] = await manager.query(
        `SELECT DISTINCT date::text FROM daily_recovery WHERE athlete_id = $1 AND date BETWEEN $2 AND $3`,
        [athleteId, from, to],
      );
      const known = new Set([...arrived.map((r) => r.date), ...sessions.map((s) => s.local_date)]);
      for (let d = summary.first > from ? (summary.first as string) : from; d <= to; d = addDays(d, 1)) if (!known.has(d)) missing.add(d);
    }
    return [...missing];
  }
}
