/**
 * The adapter the alerts.evaluate service calls: one rule, the athlete's RuleInput for today, the rule's current
 * alert row and the instant → what to write and whether to notify. It judges the rule on the last 3 days
 * (`evaluateRecentDays`) and applies `nextAlertState`; the rule's identity comes back with the plan so an `open`
 * can be inserted as is. An `Alert` entity row is already an `ActiveAlert` (pass it directly).
 *
 *   const t = resolveThresholds(team.alertThresholds);                      // RangeError → log, use defaults
 *   const input: RuleInput = { today, athlete: { name, lbpHistory }, days, sessions, selfReports, recovery, thresholds: t };
 *                                                         // rows dated within RULE_INPUT_WINDOWS days up to today
 *   for (const rule of RULES) {
 *     const row = non-resolved alert of (athlete, rule.id) ?? most recent resolved one ?? null;
 *     const plan = planAlert(rule, input, row, clock.now());
 *     switch (plan.action) {
 *       case 'none': break;
 *       case 'open': INSERT { athleteId, ruleId: plan.ruleId, kind: plan.kind, evidenceGrade: plan.evidenceGrade,
 *                             thresholdsVersion: plan.thresholdsVersion, ...plan.alert }; break;
 *       default: UPDATE row SET ...plan.alert, thresholdsVersion   // update | escalate | resolve | reopen
 *     }
 *     if (plan.notify) queue the e-mails, key `alert:${id}:${plan.action}:${today}:${plan.alert.severity}:${recipient}`
 *       (unique: the lifecycle never notifies one alert twice on a day at the same severity)
 *   }
 */
import { evaluateRecentDays, RECENT_DAYS, THRESHOLDS_VERSION } from '../rules';
import type { AlertRule, DatedResult, RuleEvidenceGrade, RuleInput, RuleKind } from '../rules';
import type { ActiveAlert, AlertDecision, LifecycleOptions } from './lifecycle.types';
import { nextAlertState } from './next-alert-state';

export interface AlertPlan extends AlertDecision {
  ruleId: string;
  kind: RuleKind;
  evidenceGrade: RuleEvidenceGrade;
  /** Store on the row (`thresholdsVersion`): which defaults judged it. */
  thresholdsVersion: number;
  /** The rule's results on the last days (oldest first), e.g. to show why a rule is suppressed. */
  results: DatedResult[];
}

export function planAlert(rule: AlertRule, input: RuleInput, current: ActiveAlert | null, now: Date, options: Partial<LifecycleOptions> = {}): AlertPlan {
  const days = Math.max(RECENT_DAYS, options.clearDaysToResolve ?? RECENT_DAYS);
  const results = evaluateRecentDays(rule, input, days);
  const decision = nextAlertState(current, results, now, input.today, options);
  return { ...decision, ruleId: rule.id, kind: rule.kind, evidenceGrade: rule.evidenceGrade, thresholdsVersion: THRESHOLDS_VERSION, results };
}
