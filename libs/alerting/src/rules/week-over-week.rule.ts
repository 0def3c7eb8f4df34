/**
 * Week-over-week change (SPEC §5, science.md §5): rolling 7-day load sum (today−6 … today) against the 7 days
 * before (today−13 … today−7). Above +30 % warning (Nielsen 2014: > 30 % over two weeks went with more
 * distance-related injuries in novice runners), above +50 % high ("anyone"). Judged only when all 14 days are
 * known — a missing day would count as 0 and fake a jump or a drop — and when the earlier week is not 0 AU.
 * Evidence grade: moderate.
 */
import { addDays } from '../../../training-load/src/calc';
import { recommend } from './recommendations';
import { above, dateSpan, fmt, noRowForToday, NOT_TRIGGERED, round, rowsInWindow, rowsUpToToday, signedPercent, suppressed, todayRow } from './rule-support';
import type { AlertRule, RuleInput, RuleResult } from './rule.types';

export interface WeekOverWeek {
  thisWeek: number;
  lastWeek: number;
  /** (thisWeek − lastWeek) / lastWeek; null when it cannot be judged (see `reason`). */
  change: number | null;
  knownDays: number;
  reason: string | null;
}

/** The week-over-week change on today (shared with the back-pain score, item 4). */
export function weekOverWeekCheck(input: RuleInput): WeekOverWeek {
  const t = input.thresholds;
  const window = rowsInWindow(rowsUpToToday(input), input.today, 14);
  const split = addDays(input.today, -6);
  const thisWeek = window.filter((d) => d.date >= split).reduce((s, d) => s + d.load, 0);
  const lastWeek = window.filter((d) => d.date < split).reduce((s, d) => s + d.load, 0);
  const knownDays = window.filter((d) => d.state !== 'missing').length;
  let reason: string | null = null;
  if (window.length < 14) reason = `week-over-week needs 14 days of history (${window.length} so far)`;
  else if (knownDays < t.weekOverWeekKnownDays) reason = `week-over-week needs ${t.weekOverWeekKnownDays} known days of the last 14 (${knownDays} known)`;
  else if (!(lastWeek > 0)) reason = `the previous 7 days total 0 AU, so the change is undefined`;
  return { thisWeek, lastWeek, change: reason === null ? (thisWeek - lastWeek) / lastWeek : null, knownDays, reason };
}

export const weekOverWeekRule: AlertRule = {
  id: 'week-over-week',
  kind: 'overtraining',
  evidenceGrade: 'moderate',
  description: 'Rolling 7-day load vs the 7 days before: > +30% warning, > +50% high; only with all 14 days known.',
  evaluate(input: RuleInput): RuleResult {
    if (!todayRow(input)) return noRowForToday(input);
    const t = input.thresholds;
    const w = weekOverWeekCheck(input);
    if (w.change === null) return suppressed(w.reason ?? 'week-over-week cannot be judged');
    if (!above(w.change, t.weekOverWeekWarning)) return NOT_TRIGGERED;
    const severity = above(w.change, t.weekOverWeekHigh) ? 'high' : 'warning';
    const threshold = severity === 'high' ? t.weekOverWeekHigh : t.weekOverWeekWarning;
    const name = input.athlete.name;
    const thisFrom = addDays(input.today, -6);
    const lastFrom = addDays(input.today, -13);
    const lastTo = addDays(input.today, -7);
    return {
      triggered: true,
      severity,
      title: `Week-over-week jump for ${name}: ${signedPercent(w.change)}`,
      message:
        `${name}'s training load rose ${signedPercent(w.change)} week over week: ${fmt(w.thisWeek, 0)} AU in ${dateSpan(thisFrom, input.today)} ` +
        `vs ${fmt(w.lastWeek, 0)} AU in ${dateSpan(lastFrom, lastTo)} (threshold ${signedPercent(threshold, 0)}). ` +
        `Increases above 30% over two weeks went with more overuse injuries in runners (Nielsen 2014); ` +
        `this is a possible risk signal, not a diagnosis.`,
      evidence: {
        date: input.today,
        weekOverWeek: round(w.change, 4),
        thisWeekLoad: round(w.thisWeek, 1),
        lastWeekLoad: round(w.lastWeek, 1),
        thisWeekFrom: thisFrom,
        lastWeekFrom: lastFrom,
        knownDays14: w.knownDays,
        threshold,
      },
      recommendations: recommend('buildGradually', 'restOrLowImpact', 'talkToCoach'),
    };
  },
};
