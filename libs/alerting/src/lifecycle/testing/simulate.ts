/**
 * Runs rules and the lifecycle over a built season, day by day, the way the worker would (pure; for scenario and
 * property tests and demos): every rule is judged once per day, each evaluation feeds the last 3 days' results to
 * `nextAlertState`, and decisions are written to an in-memory `AlertBook` that enforces one active alert per rule.
 * Human actions can be scheduled at instants between evaluations.
 */
import { addDays } from '../../../../training-load/src/calc';
import { RECENT_DAYS, RULES } from '../../rules';
import type { AlertRule, RuleResult, Severity } from '../../rules';
import type { Season } from '../../rules/testing/season';
import { applyDecision, currentAlert, EMPTY_BOOK } from '../alert-book';
import type { AlertBook } from '../alert-book';
import type { ActiveAlert, LifecycleAction } from '../lifecycle.types';
import { nextAlertState } from '../next-alert-state';

export interface SimEvent {
  date: string;
  at: string;
  ruleId: string;
  action: LifecycleAction;
  notify: boolean;
  severity: Severity | null;
  title: string | null;
  message: string | null;
  reason: string;
}

export interface HumanAction {
  /** ISO instant; applied before the first evaluation at or after it. */
  at: string;
  ruleId: string;
  apply(alert: ActiveAlert, now: Date): ActiveAlert;
}

export interface SimOptions {
  from?: string;
  to?: string;
  rules?: readonly AlertRule[];
  /** UTC hours at which each day is evaluated (several = re-evaluations of the same day). Default [20]. */
  hours?: readonly number[];
  actions?: readonly HumanAction[];
  /** Start from this book (e.g. the end of an earlier run, to replay days). Default empty. */
  book?: AlertBook;
}

export interface SimRun {
  book: AlertBook;
  events: SimEvent[];
  /** results.get(ruleId).get(date) */
  results: Map<string, Map<string, RuleResult>>;
}

export function simulate(season: Season, options: SimOptions = {}): SimRun {
  const rules = options.rules ?? RULES;
  const from = options.from ?? season.dates[0];
  const to = options.to ?? season.dates[season.dates.length - 1];
  const hours = options.hours ?? [20];
  const pending = [...(options.actions ?? [])].sort((a, b) => a.at.localeCompare(b.at));
  const results = new Map<string, Map<string, RuleResult>>(rules.map((r) => [r.id, new Map()]));
  const resultOf = (rule: AlertRule, date: string): RuleResult | null => {
    if (date < season.dates[0]) return null;
    const cache = results.get(rule.id) as Map<string, RuleResult>;
    let r = cache.get(date);
    if (r === undefined) {
      r = rule.evaluate(season.inputFor(date));
      cache.set(date, r);
    }
    return r;
  };
  let book = options.book ?? EMPTY_BOOK;
  const events: SimEvent[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const hour of hours) {
      const now = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
      while (pending.length > 0 && Date.parse(pending[0].at) <= now.getTime()) {
        const action = pending.shift() as HumanAction;
        const row = currentAlert(book, action.ruleId);
        if (row) book = applyDecision(book, action.ruleId, { action: 'update', alert: action.apply(row.alert, new Date(action.at)) });
      }
      for (const rule of rules) {
        const recent = Array.from({ length: RECENT_DAYS }, (_, i) => addDays(date, i - RECENT_DAYS + 1))
          .map((d) => ({ date: d, result: resultOf(rule, d) }))
          .filter((x): x is { date: string; result: RuleResult } => x.result !== null);
        const decision = nextAlertState(currentAlert(book, rule.id)?.alert ?? null, recent, now, date);
        book = applyDecision(book, rule.id, decision);
        events.push({
          date,
          at: now.toISOString(),
          ruleId: rule.id,
          action: decision.action,
          notify: decision.notify,
          severity: decision.alert?.severity ?? null,
          title: decision.alert?.title ?? null,
          message: decision.alert?.message ?? null,
          reason: decision.reason,
        });
      }
    }
  }
  return { book, events, results };
}
