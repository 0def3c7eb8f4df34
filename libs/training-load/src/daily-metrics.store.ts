import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ALGO_VERSION, ResumeRow, StoredDailyMetrics } from './calc';

const CHUNK = 2000;

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

// One array parameter per column (unnest): much cheaper for Postgres to parse than a JSON document of rows.
const UPSERT_SQL = `
  INSERT INTO daily_metrics (athlete_id, algo_version, ${COLUMNS.map(([c]) => c).join(', ')})
  SELECT $1, $2, r.*
  FROM unnest(${COLUMNS.map(([, , t], i) => `$${i + 3}::${t}[]`).join(', ')}) AS r
  ON CONFLICT (athlete_id, date) DO UPDATE SET algo_version = EXCLUDED.algo_version, updated_at = now(),
    ${COLUMNS.filter(([c]) => c !== 'date')
      .map(([c]) => `${c} = EXCLUDED.${c}`)
      .join(', ')}`;

const RESUME_SQL = `
  SELECT ${COLUMNS.filter(([, f]) => (RESUME_FIELDS as string[]).includes(f))
    .map(([c, f]) => (c === 'date' ? `date::text AS "date"` : `${c} AS "${f}"`))
    .join(', ')}
  FROM daily_metrics WHERE athlete_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date`;

/** The daily_metrics rows of an athlete: bulk writes from a day forward, and the rows a resumed run reads. */
@Injectable()
export class DailyMetricsStore {
  async upsert(manager: EntityManager, athleteId: string, rows: StoredDailyMetrics[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await manager.query(UPSERT_SQL, [athleteId, ALGO_VERSION, ...COLUMNS.map(([, field]) => chunk.map((row) => row[field]))]);
    }
  }

  async deleteAll(manager: EntityManager, athleteId: string): Promise<void> {
    await manager.query(`DELETE FROM daily_metrics WHERE athlete_id = $1`, [athleteId]);
  }

  /** Days outside the series (e.g. the first session was deleted) have no metrics any more. */
  async deleteOutside(manager: EntityManager, athleteId: string, first: string, last: string): Promise<void> {
    await manager.query(`DELETE FROM daily_metrics WHERE athlete_id = $1 AND (date < $2 OR date > $3)`, [athleteId, first, last]);
  }

  async bounds(manager: EntityManager, athleteId: string): Promise<{ first: string; last: string; oldestAlgo: number } | null> {
    const [row] = await manager.query(
      `SELECT min(date)::text AS first, max(date)::text AS last, min(algo_version) AS "oldestAlgo" FROM daily_metrics WHERE athlete_id = $1`,
      [athleteId],
    );
    return row.first ? row : null;
  }

  resumeRows(manager: EntityManager, athleteId: string, from: string, to: string): Promise<ResumeRow[]> {
    return manager.query(RESUME_SQL, [athleteId, from, to]);
  }
}
