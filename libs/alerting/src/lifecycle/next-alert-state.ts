/**
 * The automatic lifecycle of one (athlete, rule) alert (SPEC §5), as a pure function of the current alert, the
 * rule's results on the last days, the instant and the athlete's local day:
 *
 * | current \ today's result | triggered, severity not above the alert's | triggered, severity above | not triggered |
 * |---|---|---|---|
 * | none | open, notify | open, notify | none |
 * | resolved ≤ 7 days after its last trigger | reopen, notify¹ (none within 24 h of a person resolving it) | reopen, notify | none |
 * | resolved longer ago | open (new row), notify¹ | open, notify | none |
 * | open | update (quiet; none when nothing changed) | escalate, notify | resolve after 3 clear days (quiet), else none |
 * | acknowledged < 24 h ago | update (quiet) | escalate → open, notify | resolve after 3 clear days, else none |
 * | acknowledged ≥ 24 h ago | reopen → open, notify¹ (re-alert) | escalate → open, notify | resolve after 3 clear days, else none |
 * | snoozed, snooze running | update (quiet) | escalate → open, notify | resolve after 3 clear days, else none |
 * | snoozed, snooze over | reopen → open, notify¹ (re-alert) | escalate → open, notify | resolve after 3 clear days, else update → open (quiet) |
 *
 * ¹ not when a notification of the same or a higher severity already went out for this alert on the same local day.
 * "Clear" = judged and not triggered: a suppressed day (the rule could not judge) neither triggers nor clears, so an
 * alert does not resolve just because the data stopped. Severity is the peak of the episode; message and evidence
 * are the latest. At most one active alert per rule: `open` is only returned when there is no active alert.
 */
import { addDays, daysBetween, isIsoDate } from '../../../training-load/src/calc';
import type { DatedResult } from '../rules';
import { SEVERITY_RANK } from '../rules/rule.types';
import type { RuleTriggered, Severity } from '../rules/rule.types';
import { DEFAULT_LIFECYCLE_OPTIONS, SYSTEM_ACTOR } from './lifecycle.types';
import type { ActiveAlert, AlertDecision, LifecycleHistoryEntry, LifecycleOptions, LifecycleStatus } from './lifecycle.types';

const HOUR_MS = 3_600_000;

/** When a person last acknowledged the alert (null if never). */
export function acknowledgedAt(alert: ActiveAlert): Date | null {
  if (validDate(alert.acknowledgedAt)) return alert.acknowledgedAt;
  const e = lastEntry(alert, (h) => h.status === 'acknowledged' && h.by !== SYSTEM_ACTOR);
  return e ? new Date(e.at) : null;
}

/** End of the alert's current snooze, or null when it is not snoozed (or the snooze has no end on record). */
export function snoozedUntil(alert: ActiveAlert): Date | null {
  if (alert.status !== 'snoozed') return null;
  if (validDate(alert.snoozedUntil)) return alert.snoozedUntil;
  const e = lastEntry(alert, (h) => h.status === 'snoozed');
  const until = e?.until === undefined ? Number.NaN : Date.parse(e.until);
  return Number.isFinite(until) ? new Date(until) : null;
}

/** When a person resolved the alert, if the latest resolution was theirs (null otherwise). */
export function humanResolvedAt(alert: ActiveAlert): Date | null {
  if (alert.status !== 'resolved') return null;
  const e = lastEntry(alert, (h) => h.status === 'resolved');
  return e && e.by !== SYSTEM_ACTOR ? new Date(e.at) : null;
}

/** Highest severity rank notified for this alert on `day` (−1 when none). */
export function notifiedRankOn(alert: ActiveAlert | null, day: string): number {
  let rank = -1;
  for (const h of alert?.history ?? []) if (h.notified && h.day === day) rank = Math.max(rank, SEVERITY_RANK[h.severity] ?? -1);
  return rank;
}

/** The next state of the alert of one rule, given the rule's results on the last days (oldest first, today last). */
export function nextAlertState(
  current: ActiveAlert | null,
  results: readonly DatedResult[],
  now: Date,
  today: string,
  options: Partial<LifecycleOptions> = {},
): AlertDecision {
  const opts = { ...DEFAULT_LIFECYCLE_OPTIONS, ...options };
  validate(results, now, today);
  const latest = results[results.length - 1].result;
  const at = now.toISOString();

  if (current === null || current.status === 'resolved') {
    if (!latest.triggered) return none('not triggered and no active alert');
    const sev = latest.severity;
    const notify = SEVERITY_RANK[sev] > notifiedRankOn(current, today);
    if (current !== null && daysBetween(current.lastTriggeredOn, today) <= opts.reopenWithinDays) {
      const resolvedAt = humanResolvedAt(current);
      const rises = SEVERITY_RANK[sev] > SEVERITY_RANK[current.severity];
      if (resolvedAt && now.getTime() < resolvedAt.getTime() + opts.humanResolveQuietHours * HOUR_MS && !rises) {
        return none(`resolved by ${lastEntry(current, (h) => h.status === 'resolved')?.by ?? 'a person'} less than ${opts.humanResolveQuietHours} h ago`);
      }
      const entry = systemEntry(at, 'open', sev, today, notify, `triggered again on ${today} after being resolved`);
      return {
        action: 'reopen',
        alert: { ...withResult(current, latest, today, sev), status: 'open', history: [...current.history, entry] },
        notify,
        historyEntry: entry,
        reason: 'resolved alert triggered again within the reopen window',
      };
    }
    const entry = systemEntry(at, 'open', sev, today, true, `opened on ${today}`);
    const alert: ActiveAlert = {
      status: 'open',
      severity: sev,
      firstTriggeredOn: today,
      lastTriggeredOn: today,
      title: latest.title,
      message: latest.message,
      evidence: latest.evidence,
      recommendations: latest.recommendations,
      ...(latest.contributingRules ? { contributingRules: latest.contributingRules } : {}),
      history: [entry],
      acknowledgedAt: null,
      snoozedUntil: null,
    };
    return { action: 'open', alert, notify: true, historyEntry: entry, reason: 'triggered with no active alert' };
  }

  // an active alert: open, acknowledged or snoozed
  if (latest.triggered) {
    const sev = latest.severity;
    if (SEVERITY_RANK[sev] > SEVERITY_RANK[current.severity]) {
      const entry = systemEntry(at, 'open', sev, today, true, `severity rose from ${current.severity} to ${sev} on ${today}`);
      return {
        action: 'escalate',
        alert: { ...withResult(current, latest, today, sev), status: 'open', snoozedUntil: null, history: [...current.history, entry] },
        notify: true,
        historyEntry: entry,
        reason: 'severity rose',
      };
    }
    const quietEnd = quietUntil(current, opts);
    if (current.status !== 'open' && quietEnd !== null && now.getTime() >= quietEnd.getTime()) {
      const notify = SEVERITY_RANK[current.severity] > notifiedRankOn(current, today);
      const why = current.status === 'acknowledged' ? `still triggering ${opts.ackQuietHours} h after acknowledgement` : 'still triggering after the snooze ended';
      const entry = systemEntry(at, 'open', current.severity, today, notify, `${why} (${today})`);
      return {
        action: 'reopen',
        alert: { ...withResult(current, latest, today, current.severity), status: 'open', snoozedUntil: null, history: [...current.history, entry] },
        notify,
        historyEntry: entry,
        reason: `re-alert: ${why}`,
      };
    }
    const updated = withResult(current, latest, today, current.severity);
    if (sameAlert(updated, current)) return none('triggered again with the same evidence');
    return { action: 'update', alert: updated, notify: false, reason: current.status === 'open' ? 'triggered again' : `triggered again while ${current.status} (quiet)` };
  }

  // not triggered today
  const clear = clearDays(results, today, opts.clearDaysToResolve);
  if (clear !== null) {
    const entry = systemEntry(at, 'resolved', current.severity, today, false, `condition clear for ${opts.clearDaysToResolve} days (${clear.join(', ')})`);
    return {
      action: 'resolve',
      alert: { ...current, status: 'resolved', snoozedUntil: null, history: [...current.history, entry] },
      notify: false,
      historyEntry: entry,
      reason: 'condition cleared',
    };
  }
  if (current.status === 'snoozed') {
    const until = snoozedUntil(current);
    if (until === null || now.getTime() >= until.getTime()) {
      const entry = systemEntry(at, 'open', current.severity, today, false, 'snooze ended');
      return {
        action: 'update',
        alert: { ...current, status: 'open', snoozedUntil: null, history: [...current.history, entry] },
        notify: false,
        historyEntry: entry,
        reason: 'snooze ended',
      };
    }
  }
  return none('not triggered today; not yet clear long enough to resolve');
}

/** End of the quiet period of an acknowledged or snoozed alert (null for open alerts). */
export function quietUntil(alert: ActiveAlert, options: Partial<LifecycleOptions> = {}): Date | null {
  const opts = { ...DEFAULT_LIFECYCLE_OPTIONS, ...options };
  if (alert.status === 'acknowledged') {
    const ack = acknowledgedAt(alert);
    return ack === null ? new Date(0) : new Date(ack.getTime() + opts.ackQuietHours * HOUR_MS);
  }
  if (alert.status === 'snoozed') return snoozedUntil(alert) ?? new Date(0);
  return null;
}

function withResult(current: ActiveAlert, r: RuleTriggered, today: string, severity: Severity): ActiveAlert {
  const next: ActiveAlert = {
    ...current,
    severity,
    lastTriggeredOn: today > current.lastTriggeredOn ? today : current.lastTriggeredOn,
    title: r.title,
    message: r.message,
    evidence: r.evidence,
    recommendations: r.recommendations,
  };
  if (r.contributingRules) next.contributingRules = r.contributingRules;
  else delete next.contributingRules;
  return next;
}

function sameAlert(a: ActiveAlert, b: ActiveAlert): boolean {
  const pick = (x: ActiveAlert) =>
    JSON.stringify([x.status, x.severity, x.lastTriggeredOn, x.title, x.message, x.evidence, x.recommendations, x.contributingRules ?? null, x.history.length]);
  return pick(a) === pick(b);
}

/** The `n` days ending today when each was judged and clear, else null. */
function clearDays(results: readonly DatedResult[], today: string, n: number): string[] | null {
  const byDate = new Map(results.map((r) => [r.date, r.result]));
  const days: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const date = addDays(today, -i);
    const r = byDate.get(date);
    if (!r || r.triggered || r.suppressed) return null;
    days.push(date);
  }
  return days;
}

function systemEntry(at: string, status: LifecycleStatus, severity: Severity, day: string, notified: boolean, note: string): LifecycleHistoryEntry {
  return { at, status, severity, by: SYSTEM_ACTOR, note, day, ...(notified ? { notified: true } : {}) };
}

function lastEntry(alert: ActiveAlert, pred: (h: LifecycleHistoryEntry) => boolean): LifecycleHistoryEntry | undefined {
  for (let i = alert.history.length - 1; i >= 0; i--) if (pred(alert.history[i])) return alert.history[i];
  return undefined;
}

function validDate(d: Date | null | undefined): d is Date {
  return d instanceof Date && Number.isFinite(d.getTime());
}

function none(reason: string): AlertDecision {
  return { action: 'none', notify: false, reason };
}

function validate(results: readonly DatedResult[], now: Date, today: string): void {
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) throw new RangeError('now must be a valid Date');
  if (!isIsoDate(today)) throw new RangeError(`today must be a YYYY-MM-DD day, got ${JSON.stringify(today)}`);
  if (!Array.isArray(results) || results.length === 0) throw new RangeError('results must hold at least today’s result');
  for (let i = 0; i < results.length; i++) {
    if (!isIsoDate(results[i].date)) throw new RangeError(`results[${i}].date is not a YYYY-MM-DD day`);
    if (i > 0 && results[i].date <= results[i - 1].date) throw new RangeError('results must be oldest first, one per day');
  }
  if (results[results.length - 1].date !== today) {
    throw new RangeError(`the last result must be today's (${today}), got ${results[results.length - 1].date}`);
  }
}
