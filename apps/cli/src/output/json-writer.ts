import type { DailyMetrics } from '../../../../libs/training-load/src/calc';
import { METRIC_FIELDS } from './metric-fields';

export interface MetricsDocument {
  algoVersion: number;
  timezone: string;
  days: readonly DailyMetrics[];
}

/** The metric table as pretty JSON, the shape of `GET /api/athletes/:id/metrics` without `athleteId`; numbers unrounded. */
export function writeMetricsJson(doc: MetricsDocument): string {
  const days = doc.days.map((day) => Object.fromEntries(METRIC_FIELDS.map((field) => [field, day[field]])));
  return `${JSON.stringify({ algoVersion: doc.algoVersion, timezone: doc.timezone, days }, null, 2)}\n`;
}
