import type { AlertRule, MetricsDay, RuleContext, RuleResult } from './rule.types';

export const LOAD_SPIKE_THRESHOLDS = { warning: 1.3, high: 1.5 } as const;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Load spike (SPEC §5, science.md §2): EWMA acute:chronic ratio above 1.3 (warning) or 1.5 (high).
 * Only with coverage: the engine leaves the ratio null during warm-up or when too few days are known.
 * The ratio is a "change from usual" prompt, not a risk probability, and the copy says so.
 */
export const loadSpikeRule: AlertRule = {
  id: 'load-spike',
  kind: 'overtraining',
  evidenceGrade: 'moderate',
  evaluate(day: MetricsDay, { athleteName }: RuleContext): RuleResult {
    const ratio = day.acwrEwma;
    if (ratio === null || ratio <= LOAD_SPIKE_THRESHOLDS.warning) return { triggered: false };
    const severity = ratio > LOAD_SPIKE_THRESHOLDS.high ? 'high' : 'warning';
    const acute = day.ewmaAcute ?? 0;
    const chronic = day.ewmaChronic ?? 0;
    const percentAbove = Math.round((ratio - 1) * 100);
    return {
      triggered: true,
      severity,
      title: `Load spike for ${athleteName}: acute:chronic ratio ${ratio.toFixed(2)}`,
      message:
        `${athleteName}'s recent training load is ${percentAbove}% above their usual load: ` +
        `EWMA acute:chronic workload ratio ${ratio.toFixed(2)} on ${day.date} ` +
        `(acute ${acute.toFixed(0)} AU/day vs chronic ${chronic.toFixed(0)} AU/day; ` +
        `rolling 7/28-day ratio ${day.acwrRac?.toFixed(2) ?? 'n/a'}, uncoupled ${day.acwrRau?.toFixed(2) ?? 'n/a'}). ` +
        `Ratios above ${severity === 'high' ? LOAD_SPIKE_THRESHOLDS.high : LOAD_SPIKE_THRESHOLDS.warning} have gone with more ` +
        `injuries in team-sport cohorts (Gabbett 2016; Hulin 2016). Treat it as a prompt to talk about the plan, not as a diagnosis.`,
      evidence: {
        date: day.date,
        acwrEwma: round(ratio, 3),
        ewmaAcute: round(acute, 1),
        ewmaChronic: round(chronic, 1),
        acwrRac: day.acwrRac === null ? null : round(day.acwrRac, 3),
        acwrRau: day.acwrRau === null ? null : round(day.acwrRau, 3),
        acute7: day.acute7 === null ? null : round(day.acute7, 1),
        chronic28: day.chronic28 === null ? null : round(day.chronic28, 1),
        coverage28: day.coverage28,
        threshold: severity === 'high' ? LOAD_SPIKE_THRESHOLDS.high : LOAD_SPIKE_THRESHOLDS.warning,
      },
      recommendations: [
        'Take a rest day or swap the next hard session for a low-impact one (swimming, cycling, walking).',
        'Build back up in small steps: keep next week within about 10% of what the athlete is used to.',
        'Warm up and cool down properly around the remaining sessions.',
      ],
    };
  },
};
