/**
 * The alert rules (pure; no framework imports) and the helpers a runner needs:
 * - `RULES`: every rule, in evaluation order; ids are stable.
 * - `RULE_INPUT_WINDOWS`: how many days of each input to load for today (the rules' windows plus the 2 earlier days
 *   the lifecycle re-judges).
 * - `inputAsOf(input, date)`: the same input as it stood on an earlier day (everything after it dropped).
 * - `evaluateRecentDays(rule, input, n)`: the rule on the last `n` days, oldest first — what `nextAlertState` takes.
 */
import { addDays } from '../../../training-load/src/calc';
import { backPainReferralRule } from './back-pain-referral.rule';
import { backPainRiskRule } from './back-pain-risk.rule';
import { formRule } from './form.rule';
import { loadSpikeRule } from './load-spike.rule';
import { monotonyRule } from './monotony.rule';
import { noRestRule } from './no-rest.rule';
import { possibleNforRule } from './possible-nfor.rule';
import { recoveryRule } from './recovery.rule';
import type { AlertRule, RuleInput, RuleResult } from './rule.types';
import { sessionSpikeRule } from './session-spike.rule';
import { weekOverWeekRule } from './week-over-week.rule';

export * from './back-pain-referral.rule';
export * from './back-pain-risk.rule';
export * from './form.rule';
export * from './load-spike.rule';
export * from './monotony.rule';
export * from './no-rest.rule';
export * from './possible-nfor.rule';
export * from './recommendations';
export * from './recovery.rule';
export * from './rule.types';
export * from './session-spike.rule';
export * from './thresholds';
export * from './week-over-week.rule';
export * from './wording';

/** Every rule the evaluator runs, in order. */
export const RULES: readonly AlertRule[] = Object.freeze([
  loadSpikeRule,
  monotonyRule,
  noRestRule,
  weekOverWeekRule,
  formRule,
  sessionSpikeRule,
  recoveryRule,
  possibleNforRule,
  backPainRiskRule,
  backPainReferralRule,
]);

export const RULES_BY_ID: ReadonlyMap<string, AlertRule> = new Map(RULES.map((r) => [r.id, r]));

/** Days the lifecycle re-judges (today and the 2 days before) to decide that a condition has cleared. */
export const RECENT_DAYS = 3;

/**
 * Days of each input to load to judge `today` and the 2 days before it with full windows: metric rows 119 (form's
 * warm-up of up to 90 days plus its dip window of up to 28, so that the history count the warm-up reads is exact on
 * every day of that window, + 1), recovery readings 90 + 2 (HRV 60-day baseline + 7), sessions 42 + 2 (4-week spinal baseline +
 * this week + the 48 h before it; 30-day run look-back), self-reports 28 + 2 (wellness norm, pain 14 days).
 * Load rows with date in [today − (N − 1), today].
 */
export const RULE_INPUT_WINDOWS = Object.freeze({ metricsDays: 119, sessionDays: 44, selfReportDays: 30, recoveryDays: 92 });

/** `input` as it stood on `date` (≤ input.today): `today` = date and every row dated after it dropped. */
export function inputAsOf(input: RuleInput, date: string): RuleInput {
  if (date > input.today) throw new RangeError(`inputAsOf: ${date} is after today (${input.today})`);
  if (date === input.today) return input;
  return {
    ...input,
    today: date,
    days: input.days.filter((d) => d.date <= date),
    sessions: input.sessions.filter((s) => s.localDate <= date),
    selfReports: input.selfReports.filter((r) => r.date <= date),
    recovery: input.recovery.filter((r) => r.date <= date),
  };
}

export interface DatedResult {
  date: string;
  result: RuleResult;
}

/** The rule on the last `n` days up to `input.today`, oldest first (today last). */
export function evaluateRecentDays(rule: AlertRule, input: RuleInput, n: number = RECENT_DAYS): DatedResult[] {
  return Array.from({ length: n }, (_, i) => {
    const date = addDays(input.today, i - n + 1);
    return { date, result: rule.evaluate(inputAsOf(input, date)) };
  });
}

/** Every rule on today. */
export function evaluateRules(input: RuleInput, rules: readonly AlertRule[] = RULES): { rule: AlertRule; result: RuleResult }[] {
  return rules.map((rule) => ({ rule, result: rule.evaluate(input) }));
}
