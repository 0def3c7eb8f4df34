import type { DailyMetrics } from '../../../../libs/training-load/src/calc';

/** The per-day fields of SPEC §6, in the order the API and both output formats use. */
export const METRIC_FIELDS = [
  'date',
  'load',
  'state',
  'acute7',
  'chronic28',
  'acwrRac',
  'acwrRau',
  'acwrEwma',
  'ewmaAcute',
  'ewmaChronic',
  'monotony',
  'strain',
  'ctl',
  'atl',
  'form',
  'ramp',
  'restDayRatio7',
  'restDayRatio28',
  'streak',
  'weekOverWeek',
  'coverage28',
] as const satisfies readonly (keyof DailyMetrics)[];

/** Fails to compile when DailyMetrics gains a field that METRIC_FIELDS does not list. */
const everyFieldListed: [Exclude<keyof DailyMetrics, (typeof METRIC_FIELDS)[number]>] extends [never] ? true : never = true;
void everyFieldListed;
