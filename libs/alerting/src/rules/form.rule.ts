/**
 * Form (training-stress balance, TSB = CTL(t−1) − ATL(t−1); SPEC §5, science.md §4.3):
 * - below −30 today: warning (intervals.icu labels < −30 "high risk");
 * - below −20 on at least 2 of the last 10 days: info (TrainingPeaks guidance: below −20 at most once every 10 days).
 * The thresholds are TSS-scale points as SPEC §5 states them. With sRPE loads (hundreds of AU a day) raw form
 * swings far wider, so a team can judge form as a percentage of fitness instead (`formUnit: 'percentOfCtl'`,
 * TSB / CTL(t−1) × 100, as IntervalCoach shows it). CTL and ATL start at 0, which makes form strongly negative
 * while fitness builds: form is not judged during the first 84 days of the series (`formWarmupDays`), and only
 * days past the warm-up count toward the info trigger. Evidence grade: vendor (platform and coaching guidance).
 */
import { addDays } from '../../../training-load/src/calc';
import { recommend } from './recommendations';
import { below, fmt, historyDays, listing, noRowForToday, NOT_TRIGGERED, round, rowsInWindow, rowsUpToToday, suppressed, todayRow } from './rule-support';
import type { AlertRule, MetricsDay, RuleInput, RuleResult } from './rule.types';
import type { AlertThresholds } from './thresholds';

/** Form of `row` in the configured unit; null when undefined (or CTL(t−1) ≤ 0 for percentages). */
export function formValue(row: MetricsDay, previous: MetricsDay | undefined, t: AlertThresholds): number | null {
  if (row.form === null) return null;
  if (t.formUnit === 'points') return row.form;
  const ctl = previous?.ctl ?? null;
  return ctl !== null && ctl > 0 ? (row.form / ctl) * 100 : null;
}

export const formRule: AlertRule = {
  id: 'form',
  kind: 'overtraining',
  evidenceGrade: 'vendor',
  description: 'Form (CTL − ATL of yesterday) < −30 warning; < −20 on ≥ 2 of the last 10 days info; not during the first 84 days.',
  evaluate(input: RuleInput): RuleResult {
    const day = todayRow(input);
    if (!day) return noRowForToday(input);
    const t = input.thresholds;
    const history = historyDays(input);
    if (history < t.formWarmupDays) {
      return suppressed(`form is not judged during the first ${t.formWarmupDays} days while fitness (CTL) builds from 0 (${history} of ${t.formWarmupDays} days)`);
    }
    const rows = rowsUpToToday(input);
    const valueOf = (row: MetricsDay) => {
      const i = rows.indexOf(row);
      const prev = i > 0 && rows[i - 1].date === addDays(row.date, -1) ? rows[i - 1] : undefined;
      return formValue(row, prev, t);
    };
    const today = valueOf(day);
    if (today === null) return suppressed(t.formUnit === 'points' ? `form is undefined on ${input.today}` : `form % is undefined on ${input.today} (fitness is 0)`);
    const unit = t.formUnit === 'points' ? '' : '%';
    const warmupEnd = addDays(input.today, -(history - t.formWarmupDays));
    const dips = rowsInWindow(rows, input.today, t.formInfoWindowDays)
      .filter((d) => d.date >= warmupEnd)
      .map((d) => ({ date: d.date, value: valueOf(d) }))
      .filter((d): d is { date: string; value: number } => d.value !== null && below(d.value, t.formInfo));
    const warning = below(today, t.formWarning);
    const info = dips.length >= t.formInfoMinDays;
    if (!warning && !info) return NOT_TRIGGERED;
    const name = input.athlete.name;
    const dipList = listing(dips.map((d) => `${d.date} (${fmt(d.value, 1)}${unit})`));
    const what = t.formUnit === 'points' ? 'form (fitness minus fatigue)' : 'form as a percentage of fitness';
    return {
      triggered: true,
      severity: warning ? 'warning' : 'info',
      title: warning ? `Very negative form for ${name}: ${fmt(today, 1)}${unit}` : `Repeated deep fatigue for ${name}: form below ${t.formInfo}${unit} ${dips.length} times in ${t.formInfoWindowDays} days`,
      message: warning
        ? `${name}'s ${what} is ${fmt(today, 1)}${unit} on ${input.today} (fitness ${fmt(day.ctl, 1)}, fatigue ${fmt(day.atl, 1)} AU/day), ` +
          `below ${t.formWarning}${unit}, the band platforms such as intervals.icu label high risk. ` +
          `Fatigue is well above what ${name}'s fitness supports; this is a possible overreaching risk, not a diagnosis.`
        : `${name}'s ${what} was below ${t.formInfo}${unit} on ${dips.length} of the last ${t.formInfoWindowDays} days: ${dipList}. ` +
          `Coaching guidance (TrainingPeaks) keeps such dips to about once every 10 days; this is a possible risk pattern, not a diagnosis.`,
      evidence: {
        date: input.today,
        form: round(today, 2),
        formUnit: t.formUnit,
        ctl: round(day.ctl, 2),
        atl: round(day.atl, 2),
        daysBelowInfo: dips.length,
        infoWindowDays: t.formInfoWindowDays,
        dipDates: dips.map((d) => d.date).join(', '),
        threshold: warning ? t.formWarning : t.formInfo,
      },
      recommendations: recommend('restOrLowImpact', 'buildGradually', 'prioritiseSleep'),
    };
  },
};
