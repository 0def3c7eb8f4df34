export const PREFERENCE_KINDS = ['overtraining', 'back-pain', 'digest'] as const;
export const DELIVERY_MODES = ['immediate', 'digest', 'off'] as const;
export const SEVERITIES = ['info', 'warning', 'high'] as const;

export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];
export type DeliveryMode = (typeof DELIVERY_MODES)[number];
export type Severity = (typeof SEVERITIES)[number];

/** What the policy needs from a stored preference (or the defaults when there is no row). */
export interface DeliveryPreference {
  mode: DeliveryMode;
  minSeverity: Severity;
  /** Local `HH:MM` in `timezone`; both set or both null. start > end means the window crosses midnight. */
  quietStart: string | null;
  quietEnd: string | null;
  /** IANA zone of the recipient. */
  timezone: string;
}

export const DEFAULT_PREFERENCE: Readonly<DeliveryPreference> = Object.freeze({
  mode: 'immediate',
  minSeverity: 'info',
  quietStart: null,
  quietEnd: null,
  timezone: 'UTC',
});

export type DeliveryAction = 'send-now' | 'delay' | 'digest' | 'drop';

export interface DeliveryDecision {
  action: DeliveryAction;
  /** Only with `delay`: the first instant after `now` at which the quiet hours are over. */
  sendAfter?: Date;
  reason: string;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, high: 2 };
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHhMm(value: string): boolean {
  return HHMM.test(value);
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Pure: what to do with one email for one recipient at `now`.
 * - mode `off` → drop.
 * - mode `digest` → digest (whatever the severity: the digest is where "less urgent" goes). For the `digest` kind
 *   itself, `digest` mode means the same as `immediate` (the digest email *is* the digest).
 * - mode `immediate` and below `minSeverity` → drop.
 * - otherwise inside quiet hours (recipient's zone) → delay until the quiet hours end; never dropped.
 *   `high` severity respects quiet hours too: a training-load alert is not an emergency, and a coach who sets
 *   quiet hours asked for a quiet night. (Back-pain red flags tell the athlete to see a clinician; they do not
 *   need a 3 a.m. email.) The delay is at most the length of the window.
 */
export function decideDelivery(pref: DeliveryPreference, alert: { kind: PreferenceKind; severity: Severity }, now: Date): DeliveryDecision {
  if (pref.mode === 'off') return { action: 'drop', reason: `${alert.kind} emails are switched off` };
  if (pref.mode === 'digest' && alert.kind !== 'digest') return { action: 'digest', reason: `${alert.kind} emails go to the daily digest` };
  if (SEVERITY_RANK[alert.severity] < SEVERITY_RANK[pref.minSeverity]) {
    return { action: 'drop', reason: `severity ${alert.severity} is below the minimum ${pref.minSeverity}` };
  }
  if (pref.quietStart && pref.quietEnd && pref.quietStart !== pref.quietEnd) {
    const local = wallClock(pref.timezone, now.getTime());
    const minute = local.hour * 60 + local.minute;
    const start = toMinutes(pref.quietStart);
    const end = toMinutes(pref.quietEnd);
    const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
    if (quiet) {
      return {
        action: 'delay',
        sendAfter: nextWallTime(pref.timezone, now, pref.quietEnd),
        reason: `quiet hours ${pref.quietStart}–${pref.quietEnd} (${pref.timezone})`,
      };
    }
  }
  return { action: 'send-now', reason: 'outside quiet hours' };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(zone: string, instant: number): Wall {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The wall-clock reading at `instant`, expressed as if it were UTC milliseconds. */
function wallMs(zone: string, instant: number): number {
  const w = wallClock(zone, instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

const HOUR = 3_600_000;

/**
 * The instants at which the zone's clock reads `wall` (0, 1 or 2 of them around DST). When the wall time falls in
 * a spring-forward gap, the first instant after the gap (the clock has passed `wall`) is returned instead.
 */
function instantsAt(zone: string, wall: number): number[] {
  const offsets = [...new Set([wall - 12 * HOUR, wall + 12 * HOUR].map((t) => wallMs(zone, t) - Math.floor(t / 1000) * 1000))];
  const hits = offsets.map((o) => wall - o).filter((t) => wallMs(zone, t) === wall);
  if (hits.length > 0) return [...new Set(hits)].sort((a, b) => a - b);
  let lo = wall - Math.max(...offsets);
  let hi = wall - Math.min(...offsets);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (wallMs(zone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return [hi];
}

/** The first instant after `now` at which the clock in `zone` reads `hhmm` (or has just jumped past it). */
function nextWallTime(zone: string, now: Date, hhmm: string): Date {
  const today = wallClock(zone, now.getTime());
  const [h, m] = hhmm.split(':').map(Number);
  for (let d = 0; d <= 2; d++) {
    const wall = Date.UTC(today.year, today.month - 1, today.day + d, h, m);
    const next = instantsAt(zone, wall).find((t) => t > now.getTime());
    if (next !== undefined) return new Date(next);
  }
  /* c8 ignore next */
  throw new Error(`no ${hhmm} in ${zone} within two days of ${now.toISOString()}`);
}
