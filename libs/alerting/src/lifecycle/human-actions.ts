/**
 * What people do to an alert (POST /api/alerts/:id/acknowledge|resolve|snooze), as pure transitions that validate
 * and append a history entry { at, status, severity, by, note } (plus `until` for a snooze):
 *
 * | from \ action | acknowledge | resolve | snooze(until) |
 * |---|---|---|---|
 * | open | acknowledged | resolved | snoozed |
 * | acknowledged | RangeError (already acknowledged) | resolved | snoozed |
 * | snoozed | acknowledged (ends the snooze) | resolved | snoozed (new end) |
 * | resolved | RangeError | RangeError (already resolved) | RangeError |
 *
 * The returned alert also carries `acknowledgedAt` (acknowledge) and `snoozedUntil` (snooze; null after acknowledge
 * or resolve) for the entity's columns. `by` must name a person ("system" is reserved); `note` is optional (≤ 2000 characters); a snooze ends after
 * `now` and at most 30 days later. Acknowledging buys 24 h of quiet (see nextAlertState); resolving makes a
 * re-trigger at the same severity wait 24 h before the alert reopens.
 */
import { DEFAULT_LIFECYCLE_OPTIONS, SYSTEM_ACTOR } from './lifecycle.types';
import type { ActiveAlert, LifecycleHistoryEntry, LifecycleOptions, LifecycleStatus } from './lifecycle.types';

const MAX_NOTE = 2000;
const MAX_ACTOR = 200;

export function acknowledge(alert: ActiveAlert, by: string, note: string | undefined, now: Date): ActiveAlert {
  checkCommon(by, note, now);
  if (alert.status === 'acknowledged') throw new RangeError('alert is already acknowledged');
  if (alert.status === 'resolved') throw new RangeError('cannot acknowledge a resolved alert');
  return { ...transition(alert, 'acknowledged', by, note, now), acknowledgedAt: new Date(now.getTime()), snoozedUntil: null };
}

export function resolve(alert: ActiveAlert, by: string, note: string | undefined, now: Date): ActiveAlert {
  checkCommon(by, note, now);
  if (alert.status === 'resolved') throw new RangeError('alert is already resolved');
  return { ...transition(alert, 'resolved', by, note, now), snoozedUntil: null };
}

export function snooze(
  alert: ActiveAlert,
  by: string,
  note: string | undefined,
  until: Date,
  now: Date,
  options: Partial<Pick<LifecycleOptions, 'maxSnoozeDays'>> = {},
): ActiveAlert {
  checkCommon(by, note, now);
  if (alert.status === 'resolved') throw new RangeError('cannot snooze a resolved alert');
  if (!(until instanceof Date) || !Number.isFinite(until.getTime())) throw new RangeError('snooze end (until) must be a valid Date');
  if (until.getTime() <= now.getTime()) throw new RangeError(`snooze end ${until.toISOString()} must be after now (${now.toISOString()})`);
  const maxDays = options.maxSnoozeDays ?? DEFAULT_LIFECYCLE_OPTIONS.maxSnoozeDays;
  if (until.getTime() > now.getTime() + maxDays * 86_400_000) throw new RangeError(`a snooze may last at most ${maxDays} days`);
  return { ...transition(alert, 'snoozed', by, note, now, until.toISOString()), snoozedUntil: new Date(until.getTime()) };
}

function transition(alert: ActiveAlert, status: LifecycleStatus, by: string, note: string | undefined, now: Date, until?: string): ActiveAlert {
  const entry: LifecycleHistoryEntry = {
    at: now.toISOString(),
    status,
    severity: alert.severity,
    by: by.trim(),
    ...(note !== undefined && note.trim() !== '' ? { note: note.trim() } : {}),
    ...(until !== undefined ? { until } : {}),
  };
  return { ...alert, status, history: [...alert.history, entry] };
}

function checkCommon(by: string, note: string | undefined, now: Date): void {
  if (typeof by !== 'string' || by.trim() === '') throw new RangeError('by must name the person acting');
  if (by.trim().length > MAX_ACTOR) throw new RangeError(`by must be at most ${MAX_ACTOR} characters`);
  if (by.trim().toLowerCase() === SYSTEM_ACTOR) throw new RangeError(`by must name a person ("${SYSTEM_ACTOR}" is reserved)`);
  if (note !== undefined && (typeof note !== 'string' || note.length > MAX_NOTE)) throw new RangeError(`note must be text of at most ${MAX_NOTE} characters`);
  if (!(now instanceof Date) || !Number.isFinite(now.getTime())) throw new RangeError('now must be a valid Date');
}
