/** The columns of each CSV export: one place, so the web links and the API serve the same files. */
import type { AthleteBoard, BoardSession, CsvColumn, RosterRow } from '@app/dashboard';
import type { DailyMetrics } from '@app/training-load';

const round = (v: number | null, digits = 3) => (v === null ? null : Number(v.toFixed(digits)));

export const ROSTER_COLUMNS: CsvColumn<RosterRow>[] = [
  { header: 'athlete', value: (r) => r.name },
  { header: 'team', value: (r) => r.teamName },
  { header: 'shared', value: (r) => r.shared },
  { header: 'date', value: (r) => r.date },
  { header: 'acwr_ewma', value: (r) => round(r.acwr) },
  { header: 'acwr_band', value: (r) => r.acwrBand },
  { header: 'acute_load', value: (r) => round(r.acuteLoad, 1) },
  { header: 'chronic_load', value: (r) => round(r.chronicLoad, 1) },
  { header: 'monotony', value: (r) => round(r.monotony, 2) },
  { header: 'rest_day_ratio_7', value: (r) => round(r.restDayRatio7) },
  { header: 'rest_day_ratio_28', value: (r) => round(r.restDayRatio28) },
  { header: 'form', value: (r) => round(r.form, 1) },
  { header: 'back_pain_tier', value: (r) => r.backPainTier },
  { header: 'open_alerts', value: (r) => r.openAlerts.map((a) => `${a.severity}: ${a.title}`).join('; ') },
  { header: 'attention', value: (r) => round(r.attention.score, 1) },
  { header: 'last_sync', value: (r) => r.lastSyncAt },
];

const METRIC_KEYS: (keyof DailyMetrics)[] = [
  'date', 'load', 'state', 'acute7', 'chronic28', 'acwrRac', 'acwrRau', 'acwrEwma', 'ewmaAcute', 'ewmaChronic', 'monotony', 'strain',
  'ctl', 'atl', 'form', 'ramp', 'restDayRatio7', 'restDayRatio28', 'streak', 'weekOverWeek', 'coverage28',
];

export const METRIC_COLUMNS: CsvColumn<DailyMetrics>[] = METRIC_KEYS.map((key) => ({ header: key, value: (d) => d[key] }));

export const SESSION_COLUMNS: CsvColumn<BoardSession>[] = [
  { header: 'date', value: (s) => s.date },
  { header: 'start_time', value: (s) => new Date(s.startTime).toISOString() },
  { header: 'sport', value: (s) => s.sport },
  { header: 'provider', value: (s) => s.provider },
  { header: 'duration_min', value: (s) => round(s.durationS / 60, 1) },
  { header: 'rpe', value: (s) => s.rpe },
  { header: 'load', value: (s) => round(s.load, 1) },
  { header: 'load_method', value: (s) => s.loadMethod },
  { header: 'estimated', value: (s) => s.estimated },
  { header: 'tags', value: (s) => s.tags.join(' ') },
];

export function exportFileName(board: Pick<AthleteBoard, 'athlete' | 'to'>, what: string): string {
  const slug = board.athlete.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'athlete';
  return `${slug}-${what}-${board.to}.csv`;
}
