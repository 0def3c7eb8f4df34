/**
 * No rest (SPEC §5, science.md §5), warning, two triggers:
 * - no rest day among the 7 most recent KNOWN days (missing days are skipped, not counted as rest or training),
 *   looking back at most 14 calendar days; with fewer known days the trigger cannot be judged;
 * - a streak of ≥ 10 consecutive training days up to today (the engine's `streak`; a missing day ends it).
 * Rest = the engine's day state `rest` (no session, or only recovery sessions with RPE ≤ 2). Evidence grade: low
 * (practice norm of one rest day per 7; Meeusen 2013: recovery is the controllable variable in NFOR prevention).
 */
import { addDays, daysBetween } from '../../../training-load/src/calc';
import { recommend } from './recommendations';
import { dateSpan, noRowForToday, NOT_TRIGGERED, round, rowsInWindow, rowsUpToToday, suppressed, todayRow } from './rule-support';
import type { AlertRule, MetricsDay, RuleInput, RuleResult } from './rule.types';

export interface RestCheck {
  /** The most recent `noRestKnownDays` known days (oldest first), or fewer when the look-back has fewer. */
  knownDays: MetricsDay[];
  /** True: enough known days and none of them is a rest day. Null: fewer known days than needed. */
  noRest: boolean | null;
  streak: number;
  /** streak ≥ streakDays. */
  longStreak: boolean;
}

/** The no-rest check on today (shared with the back-pain score, item 8). */
export function restCheck(input: RuleInput): RestCheck {
  const t = input.thresholds;
  const rows = rowsUpToToday(input);
  const lookback = rowsInWindow(rows, input.today, t.noRestLookbackDays).filter((d) => d.state !== 'missing');
  const knownDays = lookback.slice(-t.noRestKnownDays);
  const streak = todayRow(input)?.streak ?? 0;
  return {
    knownDays,
    noRest: knownDays.length < t.noRestKnownDays ? null : knownDays.every((d) => d.state === 'trained'),
    streak,
    longStreak: streak >= t.streakDays,
  };
}

export const noRestRule: AlertRule = {
  id: 'no-rest',
  kind: 'overtraining',
  evidenceGrade: 'low',
  description: 'No rest day in the last 7 known days (looking back ≤ 14 days), or ≥ 10 consecutive training days; warning.',
  evaluate(input: RuleInput): RuleResult {
    const day = todayRow(input);
    if (!day) return noRowForToday(input);
    const t = input.thresholds;
    const check = restCheck(input);
    if (!check.noRest && !check.longStreak) {
      if (check.noRest === null) {
        return suppressed(
          `only ${check.knownDays.length} known days in the last ${t.noRestLookbackDays} (needs ${t.noRestKnownDays} to look for a rest day)`,
        );
      }
      return NOT_TRIGGERED;
    }
    const name = input.athlete.name;
    const first = check.knownDays[0]?.date ?? input.today;
    const last = check.knownDays[check.knownDays.length - 1]?.date ?? input.today;
    const skipped = check.noRest ? daysBetween(first, last) + 1 - check.knownDays.length : 0;
    const parts: string[] = [];
    if (check.noRest) {
      parts.push(
        `no rest day in the last ${t.noRestKnownDays} known days (${dateSpan(first, last)}${skipped > 0 ? `, ${skipped} day${skipped === 1 ? '' : 's'} without data skipped` : ''})`,
      );
    }
    if (check.longStreak) parts.push(`${check.streak} consecutive training days (${dateSpan(addDays(input.today, -(check.streak - 1)), input.today)})`);
    return {
      triggered: true,
      severity: 'warning',
      title: check.longStreak ? `No rest for ${name}: ${check.streak} training days in a row` : `No rest day for ${name} in ${t.noRestKnownDays} days`,
      message:
        `${name} has had ${parts.join(' and ')}. At least one full rest day a week is the usual norm, and recovery is the ` +
        `factor that can be controlled to lower the risk of non-functional overreaching (Meeusen 2013). ` +
        `This is a possible risk pattern, not a diagnosis.`,
      evidence: {
        date: input.today,
        knownDaysChecked: check.knownDays.length,
        restDays: check.knownDays.filter((d) => d.state === 'rest').length,
        windowFrom: first,
        windowTo: last,
        missingDaysSkipped: skipped,
        streak: check.streak,
        streakThreshold: t.streakDays,
        restDayRatio7: round(day.restDayRatio7, 3),
      },
      recommendations: recommend('scheduleRestDay', 'restOrLowImpact', 'alternateMuscleGroups'),
    };
  },
};
