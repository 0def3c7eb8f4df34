/**
 * An in-memory alert table for one athlete (pure, immutable), applying lifecycle decisions exactly as the service
 * applies them to the `alerts` table: `open` inserts a row, every other action replaces the rule's latest row.
 * It enforces the database's rule — at most one non-resolved alert per rule (uq_alerts_active_per_rule) — by
 * throwing, so simulations and tests catch a lifecycle that would violate it. Used by the scenario and property
 * tests; also a readable reference for the service.
 */
import type { ActiveAlert, AlertDecision } from './lifecycle.types';

export interface BookRow {
  /** Sequence number, stands in for the row id. */
  id: number;
  ruleId: string;
  alert: ActiveAlert;
}

export interface AlertBook {
  rows: readonly BookRow[];
}

export const EMPTY_BOOK: AlertBook = Object.freeze({ rows: Object.freeze<BookRow[]>([]) });

/** The rule's latest row (the active one if any), as `nextAlertState` wants it. */
export function currentAlert(book: AlertBook, ruleId: string): BookRow | null {
  for (let i = book.rows.length - 1; i >= 0; i--) if (book.rows[i].ruleId === ruleId) return book.rows[i];
  return null;
}

/** Rows of the rule that are not resolved. */
export function activeRows(book: AlertBook, ruleId?: string): BookRow[] {
  return book.rows.filter((r) => (ruleId === undefined || r.ruleId === ruleId) && r.alert.status !== 'resolved');
}

/** Writes a decision (or a human transition, as `update`). Throws when it would break one-active-alert-per-rule. */
export function applyDecision(book: AlertBook, ruleId: string, decision: Pick<AlertDecision, 'action' | 'alert'>): AlertBook {
  if (decision.action === 'none') return book;
  if (!decision.alert) throw new RangeError(`${decision.action} without an alert`);
  if (decision.action === 'open') {
    if (activeRows(book, ruleId).length > 0) throw new RangeError(`open for ${ruleId} while an active alert exists`);
    return { rows: [...book.rows, { id: book.rows.length + 1, ruleId, alert: decision.alert }] };
  }
  const row = currentAlert(book, ruleId);
  if (row === null) throw new RangeError(`${decision.action} for ${ruleId} without a row`);
  const rows = book.rows.map((r) => (r === row ? { ...r, alert: decision.alert as ActiveAlert } : r));
  if (rows.filter((r) => r.ruleId === ruleId && r.alert.status !== 'resolved').length > 1) {
    throw new RangeError(`${decision.action} for ${ruleId} would leave two active alerts`);
  }
  return { rows };
}
