/** Hand-made rule results and alerts for lifecycle tests (pure). */
import { addDays } from '../../../../training-load/src/calc';
import type { DatedResult, RuleResult, Severity } from '../../rules';
import type { ActiveAlert, LifecycleHistoryEntry } from '../lifecycle.types';

export const DAY = '2026-03-20';

export function fired(severity: Severity = 'warning', value = 1): RuleResult {
  return { triggered: true, severity, title: `Alert (${severity})`, message: `value ${value} on the day`, evidence: { value }, recommendations: ['Rest.'] };
}

export const CLEAR: RuleResult = { triggered: false };
export const SUPPRESSED: RuleResult = { triggered: false, suppressed: { reason: 'coverage 18 of 28 days known (needs 21)' } };

/** Results for the days ending on `today`, oldest first. */
export function recent(results: RuleResult[], today = DAY): DatedResult[] {
  return results.map((result, i) => ({ date: addDays(today, i - results.length + 1), result }));
}

/** An instant on `day` (UTC). */
export function at(hour: number, day = DAY): Date {
  return new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
}

/** An alert opened on `openedOn` at 08:00 with one notified open entry, then `more` history. */
export function alertOf(overrides: Partial<ActiveAlert> = {}, more: LifecycleHistoryEntry[] = [], openedOn = addDays(DAY, -1)): ActiveAlert {
  const severity = overrides.severity ?? 'warning';
  const r = fired(severity) as Extract<RuleResult, { triggered: true }>;
  return {
    status: 'open',
    severity,
    firstTriggeredOn: openedOn,
    lastTriggeredOn: openedOn,
    title: r.title,
    message: r.message,
    evidence: r.evidence,
    recommendations: r.recommendations,
    history: [{ at: `${openedOn}T08:00:00.000Z`, status: 'open', severity, by: 'system', note: `opened on ${openedOn}`, day: openedOn, notified: true }, ...more],
    ...overrides,
  };
}
