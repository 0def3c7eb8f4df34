/**
 * The metric table for an output window. The daily series starts at the first day of data (so warm-up and
 * EWMA seeds are those of the full history) and runs to the last day of data or `to`, whichever is later; days
 * without data are rest days. The metrics of every day are computed, then the window is cut out.
 */
import {
  buildDailySeries,
  computeDailyMetrics,
  daysBetween,
  eachDay,
  type DailyMetrics,
  type DailySessionLoad,
  type DayInput,
} from '../../../libs/training-load/src/calc';
import { effectiveState, type DailyLoadRow } from './input/daily-load-parser';

export type SeriesSource = { kind: 'sessions'; sessions: readonly DailySessionLoad[] } | { kind: 'dailyLoads'; rows: readonly DailyLoadRow[] };

export interface OutputWindow {
  from?: string;
  to?: string;
}

/** Longest series computed (about 100 years): a longer one is almost surely a typo in a year. */
export const MAX_SERIES_DAYS = 36_600;

export type MetricsTable = { ok: true; days: DailyMetrics[]; notes: string[] } | { ok: false; message: string };

export function metricsTable(source: SeriesSource, window: OutputWindow): MetricsTable {
  const dates = source.kind === 'sessions' ? source.sessions.map((s) => s.localDate) : source.rows.map((r) => r.date);
  if (dates.length === 0) return { ok: false, message: 'the file has no rows to compute' };
  const first = dates.reduce((a, b) => (b < a ? b : a));
  const last = dates.reduce((a, b) => (b > a ? b : a));
  const { from, to } = window;
  if (to !== undefined && to < first) return { ok: false, message: `--to ${to} is before the first day of data (${first})` };
  if (from !== undefined && to === undefined && from > last) {
    return { ok: false, message: `--from ${from} is after the last day of data (${last}); add --to to extend the series with rest days` };
  }
  const end = to !== undefined && to > last ? to : last;
  if (daysBetween(first, end) >= MAX_SERIES_DAYS) {
    return { ok: false, message: `the series would run from ${first} to ${end}, more than ${MAX_SERIES_DAYS} days; check the years in the file and --to` };
  }
  const days = computeDailyMetrics(dailySeries(source, first, end));
  const start = from !== undefined && from > first ? from : first;
  const stop = to ?? end;
  const notes = from !== undefined && from < first ? [`no data before ${first}: the output starts there (from ${from} asked)`] : [];
  return { ok: true, days: days.filter((d) => d.date >= start && d.date <= stop), notes };
}

function dailySeries(source: SeriesSource, from: string, to: string): DayInput[] {
  if (source.kind === 'sessions') return buildDailySeries(source.sessions, { from, to });
  const byDate = new Map(source.rows.map((r) => [r.date, r]));
  return eachDay(from, to).map((date) => {
    const row = byDate.get(date);
    return row === undefined ? { date, load: 0, state: 'rest' } : { date, load: row.load, state: effectiveState(row) };
  });
}
