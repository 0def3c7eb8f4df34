/**
 * Recovery markers (SPEC §5, science.md §6):
 * - warning: the 7-day mean lnRMSSD below the baseline band (mean ± 0.5 SD of the 60 days before) and/or the
 *   7-day resting HR ≥ 5 bpm above its 28-day baseline, on each of the last 3 days (persisting, not one bad night);
 * - info: otherwise, a 7-day mean sleep below 7 h (≥ 3 nights recorded).
 * Sleep also rides along in the evidence of a warning. Suppressed (with the reasons) when none of the three can be
 * judged. Evidence grade: moderate (Plews/Buchheit HRV-guided training; Williams 2017: low lnRMSSD with high ACWR
 * RR 2.61 for overuse problems; resting-HR and sleep cut-offs are vendor/practice guidance).
 */
import { addDays } from '../../../training-load/src/calc';
import { recommend } from './recommendations';
import { dateSpan, fmt, fmtHours, listing, NOT_TRIGGERED, round, suppressed } from './rule-support';
import type { AlertRule, RuleInput, RuleResult } from './rule.types';
import { recoverySignals } from './signals';
import type { RecoverySignals } from './signals';

export interface RecoveryCheck {
  /** Signals of the last `recoveryPersistDays` days, oldest first (today last). */
  days: RecoverySignals[];
  today: RecoverySignals;
  hrvPersistent: boolean;
  rhrPersistent: boolean;
  sleepDeficit: boolean;
}

export function recoveryCheck(input: RuleInput): RecoveryCheck {
  const n = input.thresholds.recoveryPersistDays;
  const days = Array.from({ length: n }, (_, i) => recoverySignals(input, addDays(input.today, i - n + 1)));
  const today = days[days.length - 1];
  return {
    days,
    today,
    hrvPersistent: days.every((d) => d.hrvBelow === true),
    rhrPersistent: days.every((d) => d.rhrElevated === true),
    sleepDeficit: today.sleepDeficit === true,
  };
}

const ms = (ln: number | null) => (ln === null ? 'n/a' : `${fmt(Math.exp(ln), 1)} ms`);

export const recoveryRule: AlertRule = {
  id: 'recovery',
  kind: 'overtraining',
  evidenceGrade: 'moderate',
  description:
    '7-day lnRMSSD below the baseline band (mean ± 0.5 SD) and/or resting HR ≥ +5 bpm over baseline on 3 days running: warning; 7-day mean sleep < 7 h: info.',
  evaluate(input: RuleInput): RuleResult {
    const t = input.thresholds;
    const c = recoveryCheck(input);
    const s = c.today;
    if (!c.hrvPersistent && !c.rhrPersistent && !c.sleepDeficit) {
      if (s.hrvBelow === null && s.rhrElevated === null && s.sleepDeficit === null) {
        return suppressed(`no recovery marker can be judged: ${[s.hrvReason, s.rhrReason, s.sleepReason].filter((r) => r !== null).join('; ')}`);
      }
      return NOT_TRIGGERED;
    }
    const name = input.athlete.name;
    const span = dateSpan(c.days[0].date, input.today);
    const parts: string[] = [];
    if (c.hrvPersistent) {
      parts.push(
        `7-day mean lnRMSSD ${fmt(s.hrv.mean7, 3)} (${ms(s.hrv.mean7)}) below the usual band ${fmt(s.hrv.lower, 3)}–${fmt(s.hrv.upper, 3)} ` +
          `(${ms(s.hrv.lower)}–${ms(s.hrv.upper)}) on each day of ${span}`,
      );
    }
    if (c.rhrPersistent) {
      parts.push(
        `7-day resting heart rate ${fmt(s.rhr.mean7, 1)} bpm, ${fmt(s.rhr.delta, 1)} bpm above the ${t.restingHrBaselineDays}-day baseline of ` +
          `${fmt(s.rhr.baselineMean, 1)} bpm, on each day of ${span}`,
      );
    }
    if (c.sleepDeficit) parts.push(`7-day mean sleep ${fmtHours(s.sleepMeanH)} over ${s.sleepNights} nights (below ${t.sleepMinHours} h) up to ${input.today}`);
    const markers = c.hrvPersistent || c.rhrPersistent;
    return {
      triggered: true,
      severity: markers ? 'warning' : 'info',
      title: markers ? `Recovery markers off baseline for ${name}` : `Short sleep for ${name}: ${fmtHours(s.sleepMeanH)} a night`,
      message:
        `${name}'s recovery data show ${listing(parts)}. ` +
        (markers
          ? `A sustained drop in HRV or rise in resting heart rate is a possible sign that recovery is not keeping up with training (Plews 2012–2014; Williams 2017); `
          : `Less than 7 hours of sleep has gone with a higher injury risk (Milewski 2014); `) +
        `this is a possible risk signal, not a diagnosis.`,
      evidence: {
        date: input.today,
        persistDays: t.recoveryPersistDays,
        lnRmssd7: round(s.hrv.mean7, 4),
        lnRmssdBaseline: round(s.hrv.baselineMean, 4),
        lnRmssdLower: round(s.hrv.lower, 4),
        lnRmssdUpper: round(s.hrv.upper, 4),
        lnRmssdZ: round(s.hrv.z, 2),
        hrvBelowBand: c.hrvPersistent,
        restingHr7: round(s.rhr.mean7, 1),
        restingHrBaseline: round(s.rhr.baselineMean, 1),
        restingHrDelta: round(s.rhr.delta, 1),
        restingHrElevated: c.rhrPersistent,
        sleepMeanHours: round(s.sleepMeanH, 2),
        sleepNights: s.sleepNights,
        sleepDeficit: c.sleepDeficit,
      },
      recommendations: markers ? recommend('reduceIntensity', 'restOrLowImpact', 'prioritiseSleep') : recommend('prioritiseSleep', 'restOrLowImpact'),
    };
  },
};
