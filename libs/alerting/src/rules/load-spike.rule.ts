/**
 * Load spike (SPEC §5, science.md §2): EWMA acute:chronic workload ratio above 1.3 (warning) or 1.5 (high).
 * Judged only with coverage: not during the 28-day warm-up and not with fewer than 21 known days in the last 28
 * (the engine leaves the ratio null then; the rule says why). The coupled (RAC) and uncoupled (RAU) ratios and the
 * absolute acute and chronic loads travel with it, because a ratio alone hides how much load it is (Gabbett 2016,
 * high chronic load protects). The ratio is a "change from usual" prompt, not a risk probability (Impellizzeri
 * 2021), and the copy says so. Evidence grade: moderate.
 */
import { recommend } from './recommendations';
import { above, fmt, historyDays, noRowForToday, NOT_TRIGGERED, round, suppressed, todayRow } from './rule-support';
import type { AlertRule, MetricsDay, RuleInput, RuleResult } from './rule.types';

/** Why the ratio cannot be judged today, or null when it can. */
export function ratioSuppression(input: RuleInput, row: MetricsDay): string | null {
  const t = input.thresholds;
  const history = historyDays(input);
  if (history < t.ratioWarmupDays) {
    return `ratios are undefined during the ${t.ratioWarmupDays}-day warm-up (${history} of ${t.ratioWarmupDays} days)`;
  }
  if (row.coverage28 < t.ratioMinKnownDays28) {
    return `coverage ${row.coverage28} of 28 days known (needs ${t.ratioMinKnownDays28})`;
  }
  if (row.acwrEwma === null) {
    return `the acute:chronic ratio is undefined on ${row.date} (chronic load ${fmt(row.ewmaChronic ?? 0, 0)} AU/day)`;
  }
  return null;
}

export const loadSpikeRule: AlertRule = {
  id: 'load-spike',
  kind: 'overtraining',
  evidenceGrade: 'moderate',
  description: 'EWMA acute:chronic workload ratio > 1.3 (warning) or > 1.5 (high); only after the 28-day warm-up and with ≥ 21 of 28 days known.',
  evaluate(input: RuleInput): RuleResult {
    const day = todayRow(input);
    if (!day) return noRowForToday(input);
    const why = ratioSuppression(input, day);
    if (why !== null) return suppressed(why);
    const t = input.thresholds;
    const name = input.athlete.name;
    const ratio = day.acwrEwma as number;
    if (!above(ratio, t.loadSpikeWarning)) return NOT_TRIGGERED;
    const severity = above(ratio, t.loadSpikeHigh) ? 'high' : 'warning';
    const threshold = severity === 'high' ? t.loadSpikeHigh : t.loadSpikeWarning;
    const acute = day.ewmaAcute ?? 0;
    const chronic = day.ewmaChronic ?? 0;
    const percentAbove = Math.round((ratio - 1) * 100);
    return {
      triggered: true,
      severity,
      title: `Load spike for ${name}: acute:chronic ratio ${ratio.toFixed(2)}`,
      message:
        `${name}'s recent training load is ${percentAbove}% above their usual load: ` +
        `EWMA acute:chronic workload ratio ${ratio.toFixed(2)} on ${day.date} ` +
        `(acute ${acute.toFixed(0)} AU/day vs chronic ${chronic.toFixed(0)} AU/day; ` +
        `rolling 7/28-day ratio ${fmt(day.acwrRac, 2)}, uncoupled ${fmt(day.acwrRau, 2)}; ${day.coverage28} of 28 days known). ` +
        `Ratios above ${threshold} have gone with more injuries in team-sport cohorts (Gabbett 2016; Hulin 2016), ` +
        `so treat it as a possible injury-risk signal and a prompt to talk about the plan, not as a diagnosis.`,
      evidence: {
        date: day.date,
        acwrEwma: round(ratio, 3),
        ewmaAcute: round(acute, 1),
        ewmaChronic: round(chronic, 1),
        acwrRac: round(day.acwrRac, 3),
        acwrRau: round(day.acwrRau, 3),
        acute7: round(day.acute7, 1),
        chronic28: round(day.chronic28, 1),
        coverage28: day.coverage28,
        threshold,
      },
      recommendations: recommend('restOrLowImpact', 'buildGradually', 'warmUpCoolDown'),
    };
  },
};
