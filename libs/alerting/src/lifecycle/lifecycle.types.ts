/**
 * Types of the alert lifecycle (SPEC §5). Pure data, framework-free; they mirror the `alerts` table
 * (entities/alert.entity.ts) minus the identifiers the service owns (id, athleteId, ruleId, kind, evidenceGrade).
 */
import type { Evidence, Severity } from '../rules/rule.types';

/** Mirrors `AlertStatus`. */
export type LifecycleStatus = 'open' | 'acknowledged' | 'resolved' | 'snoozed';

/** The actor of automatic transitions. Reserved: people cannot act as "system". */
export const SYSTEM_ACTOR = 'system';

/**
 * One status change, appended to `history` (stored as JSONB, so the optional fields need no migration; they are a
 * superset of `AlertHistoryEntry`).
 * - `until`: end of a snooze (ISO instant), on `snoozed` entries; the lifecycle reads the snooze end from here.
 * - `day`: the athlete-local day the evaluation judged, on system entries.
 * - `notified`: this transition sent a notification (open, escalation, re-alert) — used so that no day gets two
 *   notifications of the same severity.
 */
export interface LifecycleHistoryEntry {
  at: string;
  status: LifecycleStatus;
  severity: Severity;
  by: string;
  note?: string;
  until?: string;
  day?: string;
  notified?: boolean;
}

/**
 * The lifecycle's view of one alert row (the `alerts` entity's fields minus the identifiers). `current` passed to
 * `nextAlertState` is the athlete's latest alert for the rule: the non-resolved one if there is one (there is at most
 * one), else the most recently resolved one, else null.
 * `acknowledgedAt` / `snoozedUntil` mirror the entity's columns: the human actions set them and the lifecycle reads
 * them first; when absent (undefined) it falls back to the history entries, which always carry the same facts.
 */
export interface ActiveAlert {
  status: LifecycleStatus;
  /** The highest severity reached in this episode (it does not drop while the alert is active). */
  severity: Severity;
  firstTriggeredOn: string;
  lastTriggeredOn: string;
  /** The latest trigger's title, message, evidence and advice. */
  title: string;
  message: string;
  evidence: Evidence;
  recommendations: string[];
  contributingRules?: string[];
  history: LifecycleHistoryEntry[];
  /** Last acknowledgement (the 24 h quiet period starts here). */
  acknowledgedAt?: Date | null;
  /** End of the current snooze; null when not snoozed. */
  snoozedUntil?: Date | null;
}

/**
 * What to do with the alert row:
 * - `none`: nothing to write;
 * - `open`: INSERT `alert` as a new row (no active alert exists for the rule);
 * - `update` / `escalate` / `resolve` / `reopen`: UPDATE the current row to `alert`.
 * `notify`: send the alert e-mails for this transition (open, escalation, re-alert after a quiet period).
 */
export type LifecycleAction = 'none' | 'open' | 'update' | 'escalate' | 'resolve' | 'reopen';

export interface AlertDecision {
  action: LifecycleAction;
  /** The alert after the transition (absent for `none`). */
  alert?: ActiveAlert;
  notify: boolean;
  /** The entry appended to `alert.history` by this transition, if any. */
  historyEntry?: LifecycleHistoryEntry;
  /** Why, in one line (for logs and tests). */
  reason: string;
}

export interface LifecycleOptions {
  /** A condition clear (judged and not triggered) on this many consecutive days, today included, resolves the alert. Default 3. */
  clearDaysToResolve: number;
  /** An acknowledged alert stays quiet this long unless its severity rises. Default 24 h. */
  ackQuietHours: number;
  /** After a person resolves an alert, a re-trigger at the same or lower severity waits this long. Default 24 h. */
  humanResolveQuietHours: number;
  /** A resolved alert that triggers again within this many days of its last trigger is reopened, not duplicated. Default 7. */
  reopenWithinDays: number;
  /** Longest snooze a person may set. Default 30 days. */
  maxSnoozeDays: number;
}

export const DEFAULT_LIFECYCLE_OPTIONS: Readonly<LifecycleOptions> = Object.freeze({
  clearDaysToResolve: 3,
  ackQuietHours: 24,
  humanResolveQuietHours: 24,
  reopenWithinDays: 7,
  maxSnoozeDays: 30,
});
