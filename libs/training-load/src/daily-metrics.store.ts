import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { EntityManager } from 'typeorm';
import { ALGO_VERSION, ResumeRow, StoredDailyMetrics } from './calc';

// Column ↔ engine field, in one place: the insert, the update and the resume read all follow this list.
const COLUMNS: [column: string, field: keyof StoredDailyMetrics, sqlType: string][] = [
  ['date', 'date', 'date'],
  ['load', 'load', 'float8'],
  ['state', 'state', 'text'],
  ['acute7', 'acute7', 'float8'],
  ['chronic28', 'chronic28', 'float8'],
  ['acwr_rac', 'acwrRac', 'float8'],
  ['acwr_rau', 'acwrRau', 'float8'],
  ['acwr_ewma', 'acwrEwma', 'float8'],
  ['ewma_acute', 'ewmaAcute', 'float8'],
  ['ewma_chronic', 'ewmaChronic', 'float8'],
  ['monotony', 'monotony', 'float8'],
  ['strain', 'strain', 'float8'],
  ['ctl', 'ctl', 'float8'],
  ['atl', 'atl', 'float8'],
  ['form', 'form', 'float8'],
  ['ramp', 'ramp', 'float8'],
  ['rest_day_ratio7', 'restDayRatio7', 'float8'],
  ['rest_day_ratio28', 'restDayRatio28', 'float8'],
  ['streak', 'streak', 'int'],
  ['week_over_week', 'weekOverWeek', 'float8'],
  ['coverage28', 'coverage28', 'int'],
  ['acute_sum', 'acuteSum', 'float8'],
  ['chronic_sum', 'chronicSum', 'float8'],
  ['uncoupled_sum', 'uncoupledSum', 'float8'],
  ['week_sum', 'weekSum', 'float8'],
];

const RESUME_FIELDS: (keyof ResumeRow)[] = ['date', 'load', 'state', 'ewmaAcute', 'ewmaChronic', 'ctl', 'atl', 'streak', 'acuteSum', 'chronicSum', 'uncoupledSum', 'weekSum'];

const RESUME_SQL = `
  SELECT m.athlete_id AS "athleteId", ${COLUMNS.filter(([, f]) => (RESUME_FIELDS as string[]).includes(f))
    .map(([c, f]) => (c === 'date' ? `m.date::text AS "date"` : `m.${c} AS "${f}"`))
    .join(', ')}
  FROM daily_metrics m JOIN unnest($1::uuid[], $2::date[], $3::date[]) AS w(athlete_id, start, stop) ON w.athlete_id = m.athlete_id
  WHERE m.date BETWEEN w.start AND w.stop ORDER BY m.athlete_id, m.date`;

const COPY_SQL = `COPY daily_metrics (algo_version, athlete_id, ${COLUMNS.map(([c]) => c).join(', ')}) FROM STDIN`;

/** One row in COPY text format: tab-separated, \N for null. JS number text round-trips float8 exactly. */
function copyLine(athleteId: string, row: StoredDailyMetrics): string {
  let line = `${ALGO_VERSION}\t${athleteId}`;
  for (const [, field] of COLUMNS) {
    const v = row[field];
    line += v === null || v === undefined ? '\t\\N' : `\t${v}`;
  }
  return line + '\n';
}

export interface StoredBounds {
  first: string;
  last: string;
  oldestAlgo: number;
}

/** The daily_metrics rows of athletes: bulk writes from a day forward, and the rows a resumed run reads. */
@Injectable()
export class DailyMetricsStore {
  /**
   * Replaces each athlete's rows from `start` on: a delete and one COPY for the whole batch, much cheaper than
   * row-by-row upserts when a formula upgrade rewrites every athlete's history.
   */
  async replaceFrom(manager: EntityManager, batches: { athleteId: string; start: string; rows: StoredDailyMetrics[] }[]): Promise<void> {
    if (batches.length === 0) return;
    await manager.query(
      `DELETE FROM daily_metrics m USING unnest($1::uuid[], $2::date[]) AS b(athlete_id, start) WHERE m.athlete_id = b.athlete_id AND m.date >= b.start`,
      [batches.map((b) => b.athleteId), batches.map((b) => b.start)],
    );
    const client = (await (manager.queryRunner as unknown as { connect(): Promise<PoolClient> }).connect());
    const stream = client.query(copyFrom(COPY_SQL));
    const lines = Readable.from(
      (function* () {
        for (const { athleteId, rows } of batches) {
          let chunk = '';
          for (const row of rows) chunk += copyLine(athleteId, row);
          if (chunk) yield chunk;
        }
      })(),
    );
    await pipeline(lines, stream);
  }

  async deleteAll(manager: EntityManager, athleteIds: string[]): Promise<void> {
    await manager.query(`DELETE FROM daily_metrics WHERE athlete_id = ANY($1::uuid[])`, [athleteIds]);
  }

  /** Days outside each series (e.g. the first session was deleted) have no metrics any more. */
  async deleteOutside(manager: EntityManager, ranges: { athleteId: string; first: string; last: string }[]): Promise<void> {
    // Two range deletes rather than one `date < first OR date > last`: the OR cannot use the (athlete_id, date) key,
    // so Postgres read the whole table for every recompute (20 ms at 100k rows, growing with every athlete).
    await manager.query(
      `WITH r AS (SELECT * FROM unnest($1::uuid[], $2::date[], $3::date[]) AS r(athlete_id, first, last)),
       before_first AS (DELETE FROM daily_metrics m USING r WHERE m.athlete_id = r.athlete_id AND m.date < r.first),
       after_last AS (DELETE FROM daily_metrics m USING r WHERE m.athlete_id = r.athlete_id AND m.date > r.last)
       SELECT 1`,
      [ranges.map((r) => r.athleteId), ranges.map((r) => r.first), ranges.map((r) => r.last)],
    );
  }

  async bounds(manager: EntityManager, athleteIds: string[]): Promise<Map<string, StoredBounds>> {
    const rows: (StoredBounds & { athleteId: string })[] = await manager.query(
      `SELECT athlete_id AS "athleteId", min(date)::text AS first, max(date)::text AS last, min(algo_version) AS "oldestAlgo"
       FROM daily_metrics WHERE athlete_id = ANY($1::uuid[]) GROUP BY athlete_id`,
      [athleteIds],
    );
    return new Map(rows.map(({ athleteId, ...b }) => [athleteId, b]));
  }

  async resumeRows(manager: EntityManager, windows: { athleteId: string; from: string; to: string }[]): Promise<Map<string, ResumeRow[]>> {
    const out = new Map<string, ResumeRow[]>();
    if (windows.length === 0) return out;
    const rows: (ResumeRow & { athleteId: string })[] = await manager.query(RESUME_SQL, [
      windows.map((w) => w.athleteId),
      windows.map((w) => w.from),
      windows.map((w) => w.to),
    ]);
    for (const { athleteId, ...row } of rows) {
      const list = out.get(athleteId);
      if (list) list.push(row);
      else out.set(athleteId, [row]);
    }
    return out;
  }
}
