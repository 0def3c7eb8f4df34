/**
 * Possible non-functional overreaching (SPEC §5, science.md §6 "suggested overtraining flag"), high:
 * (i) a load rule fires today — load-spike, monotony, no-rest or week-over-week — AND
 * (ii) at least 2 of these recovery/wellness signals hold today: 7-day lnRMSSD below its band; 7-day resting HR
 *      ≥ +5 bpm over baseline; 7-day mean sleep < 7 h; wellness (mean item score or fatigue) ≥ 1 SD worse than
 *      the athlete's 28-day norm.
 * No single marker diagnoses NFOR (Meeusen 2013 consensus), so the copy always says "possible" and names the
 * rules and signals that combined (`contributingRules`). Suppressed when a load rule fires but too few signals
 * can be judged to reach the minimum. Evidence grade: low.
 */
import { loadSpikeRule } from './load-spike.rule';
import { monotonyRule } from './monotony.rule';
import { noRestRule } from './no-rest.rule';
import { recommend } from './recommendations';
import { fmt, fmtHours, listing, NOT_TRIGGERED, round, suppressed } from './rule-support';
import type { AlertRule, RuleInput, RuleResult, RuleTriggered } from './rule.types';
import { recoverySignals, wellnessSignal } from './signals';
import { weekOverWeekRule } from './week-over-week.rule';

/** The rules whose firing counts as "a load rule" for (i). */
export const NFOR_LOAD_RULES: readonly AlertRule[] = [loadSpikeRule, monotonyRule, noRestRule, weekOverWeekRule];

export const possibleNforRule: AlertRule = {
  id: 'possible-nfor',
  kind: 'overtraining',
  evidenceGrade: 'low',
  description: 'A load rule (load-spike, monotony, no-rest, week-over-week) AND ≥ 2 of: HRV below band, resting HR ≥ +5 bpm, sleep < 7 h, wellness ≥ 1 SD worse; high.',
  evaluate(input: RuleInput): RuleResult {
    const t = input.thresholds;
    const fired = NFOR_LOAD_RULES.map((rule) => ({ rule, result: rule.evaluate(input) })).filter(
      (x): x is { rule: AlertRule; result: RuleTriggered } => x.result.triggered,
    );
    if (fired.length === 0) return NOT_TRIGGERED;
    const r = recoverySignals(input, input.today);
    const w = wellnessSignal(input, input.today);
    const signals = [
      { id: 'hrv-below-band', on: r.hrvBelow, reason: r.hrvReason, text: `7-day lnRMSSD ${fmt(r.hrv.mean7, 3)} below its band (lower edge ${fmt(r.hrv.lower, 3)})` },
      { id: 'resting-hr-elevated', on: r.rhrElevated, reason: r.rhrReason, text: `7-day resting heart rate ${fmt(r.rhr.delta, 1)} bpm above baseline (${fmt(r.rhr.mean7, 1)} vs ${fmt(r.rhr.baselineMean, 1)} bpm)` },
      { id: 'sleep-deficit', on: r.sleepDeficit, reason: r.sleepReason, text: `7-day mean sleep ${fmtHours(r.sleepMeanH)} (below ${t.sleepMinHours} h)` },
      {
        id: 'wellness-drop',
        on: w.drop,
        reason: w.reason,
        text: `wellness ${fmt(w.score, 1)}/5 vs a usual ${fmt(w.normMean, 1)}/5 (${fmt(Math.max(w.zWorse ?? -Infinity, w.fatigueZWorse ?? -Infinity), 1)} SD worse)`,
      },
    ];
    const on = signals.filter((s) => s.on === true);
    const judged = signals.filter((s) => s.on !== null);
    if (on.length < t.nforMinSignals) {
      if (judged.length < t.nforMinSignals) {
        return suppressed(
          `a load rule fired (${fired.map((f) => f.rule.id).join(', ')}) but only ${judged.length} recovery/wellness signals can be judged ` +
            `(needs ${t.nforMinSignals}): ${signals.filter((s) => s.on === null).map((s) => s.reason).join('; ')}`,
        );
      }
      return NOT_TRIGGERED;
    }
    const name = input.athlete.name;
    return {
      triggered: true,
      severity: 'high',
      title: `Possible non-functional overreaching for ${name}`,
      message:
        `Possible non-functional overreaching for ${name} on ${input.today}: ${listing(fired.map((f) => f.result.title.replace(` for ${name}`, '').toLowerCase()))} ` +
        `together with ${on.length} recovery/wellness signals — ${listing(on.map((s) => s.text))}. ` +
        `Load rising while recovery markers worsen is the pattern that comes before non-functional overreaching; no single ` +
        `marker can confirm it (Meeusen 2013), so this is a possible risk to review with the coach, not a diagnosis.`,
      evidence: {
        date: input.today,
        loadRules: fired.map((f) => f.rule.id).join(', '),
        signals: on.length,
        minSignals: t.nforMinSignals,
        hrvBelowBand: r.hrvBelow,
        lnRmssd7: round(r.hrv.mean7, 4),
        lnRmssdLower: round(r.hrv.lower, 4),
        restingHrElevated: r.rhrElevated,
        restingHrDelta: round(r.rhr.delta, 1),
        sleepDeficit: r.sleepDeficit,
        sleepMeanHours: round(r.sleepMeanH, 2),
        wellnessDrop: w.drop,
        wellnessScore: round(w.score, 2),
        wellnessNorm: round(w.normMean, 2),
        wellnessZWorse: round(w.zWorse, 2),
      },
      recommendations: recommend('restOrLowImpact', 'reduceIntensity', 'prioritiseSleep', 'talkToCoach'),
      contributingRules: [...fired.map((f) => f.rule.id), ...on.map((s) => s.id)],
    };
  },
};
