/**
 * Monotony and strain (Foster 1998; SPEC §5, science.md §3) as ONE rule with two triggers, both warning:
 * - monotony (mean / sample SD of the last 7 daily loads) above 2.0 — or the same non-zero load on all 7 known
 *   days, where SD = 0 makes monotony unbounded (the engine leaves it null then);
 * - strain (7-day load × monotony) above the athlete's own 90th percentile (linear interpolation) of the strain of
 *   days today−89 … today−7, i.e. the weeks that do not overlap this one, once ≥ 28 such values exist.
 * One rule because both describe the same 7-day window: one alert (and one e-mail) per week pattern, with both
 * numbers in its evidence. The evidence ties monotony and strain to illness and overtraining, not to back pain.
 * Evidence grade: low (practitioner cut-off for monotony; "individually identifiable" strain thresholds).
 */
import { addDays } from '../../../training-load/src/calc';
import { recommend } from './recommendations';
import { above, dateSpan, fmt, isFiniteNumber, noRowForToday, NOT_TRIGGERED, percentile, round, rowsInWindow, rowsUpToToday, suppressed, todayRow } from './rule-support';
import type { AlertRule, RuleInput, RuleResult } from './rule.types';

export const monotonyRule: AlertRule = {
  id: 'monotony',
  kind: 'overtraining',
  evidenceGrade: 'low',
  description: '7-day monotony > 2.0, or strain above the athlete’s own 90th percentile (needs ≥ 28 earlier strain values); warning.',
  evaluate(input: RuleInput): RuleResult {
    const day = todayRow(input);
    if (!day) return noRowForToday(input);
    const t = input.thresholds;
    const rows = rowsUpToToday(input);
    const week = rowsInWindow(rows, input.today, 7);
    const known = week.filter((d) => d.state !== 'missing');
    const identical = week.length === 7 && known.length === 7 && known[0].load > 0 && known.every((d) => d.load === known[0].load);

    const monotony = day.monotony;
    const monotonyHigh = identical || (monotony !== null && above(monotony, t.monotonyWarning));

    const baselineFrom = addDays(input.today, -(t.strainBaselineDays - 1));
    const baselineTo = addDays(input.today, -7);
    const strains = rows
      .filter((d) => d.date >= baselineFrom && d.date <= baselineTo)
      .map((d) => d.strain)
      .filter(isFiniteNumber);
    const p = strains.length >= t.strainMinValues ? percentile(strains, t.strainPercentile) : null;
    const strainHigh = day.strain !== null && p !== null && day.strain > p * (1 + 1e-9) + 1e-9;

    if (!monotonyHigh && !strainHigh) {
      if (monotony === null && !identical) {
        if (week.length < 7) return suppressed(`monotony needs 7 days of loads (${week.length} so far)`);
        if (known.length < 5) return suppressed(`monotony needs at least 5 known days in the last 7 (${known.length} known)`);
      }
      return NOT_TRIGGERED;
    }

    const from = addDays(input.today, -6);
    const weekLoad = week.reduce((s, d) => s + d.load, 0);
    const name = input.athlete.name;
    const parts: string[] = [];
    if (monotonyHigh) {
      parts.push(
        identical
          ? `the same load of ${fmt(known[0].load, 0)} AU on all 7 days (monotony unbounded, above ${t.monotonyWarning})`
          : `monotony ${fmt(monotony, 2)} (above ${t.monotonyWarning})`,
      );
    }
    if (strainHigh) {
      parts.push(`strain ${fmt(day.strain, 0)} AU, above ${name}'s own ${t.strainPercentile}th percentile of ${fmt(p, 0)} AU (${strains.length} earlier days)`);
    }
    return {
      triggered: true,
      severity: 'warning',
      title: `Monotonous or high-strain week for ${name}: ${monotonyHigh ? `monotony ${identical ? 'unbounded' : fmt(monotony, 2)}` : `strain ${fmt(day.strain, 0)} AU`}`,
      message:
        `${name}'s training over ${dateSpan(from, input.today)} (${fmt(weekLoad, 0)} AU in 7 days) shows ${parts.join(' and ')}. ` +
        `Weeks with little variation or unusually high strain went with more illness and overtraining in Foster's data (1998); ` +
        `this is a possible risk pattern to discuss, not a diagnosis.`,
      evidence: {
        date: input.today,
        weekFrom: from,
        weekLoad: round(weekLoad, 1),
        monotony: round(monotony, 3),
        identicalLoads: identical,
        monotonyThreshold: t.monotonyWarning,
        strain: round(day.strain, 1),
        strainP90: round(p, 1),
        strainPercentile: t.strainPercentile,
        strainBaselineValues: strains.length,
        monotonyTriggered: monotonyHigh,
        strainTriggered: strainHigh,
      },
      recommendations: recommend('varyTheWeek', 'alternateMuscleGroups', 'restOrLowImpact'),
    };
  },
};
