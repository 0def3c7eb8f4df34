/**
 * The contract between the alert rules and whoever runs them (the alerts.evaluate worker, the CLI, tests).
 *
 * Rules are pure functions of a `RuleInput`: the athlete's daily metric rows, sessions, self-reports and recovery
 * readings up to and including the day being judged (`today`), plus the team's resolved thresholds. They import no
 * framework (no @nestjs, no typeorm): the types the database layer uses (entities/alert.entity.ts) are mirrored
 * here under other names, and rules.types.spec.ts proves at compile time that the two stay assignable.
 *
 * Windows are calendar windows ending on `today` (today included) and every rule filters its inputs by date, so
 * rows after `today` are ignored and loading more history than a rule needs never changes its answer. What to
 * load: see `RULE_INPUT_WINDOWS` in index.ts.
 */
import type { DailyMetrics, DayState } from '../../../training-load/src/calc';
import type { AlertThresholds } from './thresholds';

/** Mirrors `AlertSeverity` of the entity. Ordered info < warning < high (see `SEVERITY_RANK`). */
export type Severity = 'info' | 'warning' | 'high';
/** Mirrors `AlertKind`. */
export type RuleKind = 'overtraining' | 'back-pain';
/** Mirrors `EvidenceGrade`: strong / moderate / low research evidence, or a vendor's or platform's guidance. */
export type RuleEvidenceGrade = 'strong' | 'moderate' | 'low' | 'vendor';

export const SEVERITY_RANK: Readonly<Record<Severity, number>> = Object.freeze({ info: 0, warning: 1, high: 2 });

/**
 * One daily metrics row exactly as the engine computes it and `GET /api/athletes/:id/metrics` serves it (SPEC §6):
 * date, load, state, acute7, chronic28, acwrRac, acwrRau, acwrEwma, ewmaAcute, ewmaChronic, monotony, strain, ctl,
 * atl, form, ramp, restDayRatio7, restDayRatio28, streak, weekOverWeek, coverage28. Null where undefined.
 * NB for the loader: Postgres `numeric` columns arrive as strings from `pg`; convert them to numbers first.
 */
export type MetricsDay = DailyMetrics;
export type { DayState };

/** One strength set. `kg` absent/null: body weight or not recorded. `rpe`: per-set RPE 0–10 when logged. */
export interface RuleSet {
  reps: number;
  kg?: number | null;
  rpe?: number | null;
}

export interface RuleExercise {
  name: string;
  sets: RuleSet[];
}

/** One (non-deleted) workout. */
export interface RuleSession {
  /** Local calendar day the session belongs to (`YYYY-MM-DD`). */
  localDate: string;
  /** Start instant, ISO 8601 (e.g. `2026-03-02T17:30:00Z`). */
  startTime: string;
  /** Provider sport name (`Run`, `TrailRun`, `WeightTraining`…); null when unknown. */
  sport: string | null;
  durationS: number | null;
  movingTimeS: number | null;
  distanceM: number | null;
  /** Session RPE 0–10 as reported by the athlete. */
  rpe: number | null;
  /** Computed session load (AU). */
  load: number | null;
  /** Free tags; the rules read `spinal-loading`, `core`, `warm-up`, `cool-down`, `max-attempt`. */
  tags: string[];
  /** Strength work; empty for endurance sessions. */
  exercises: RuleExercise[];
}

/**
 * Daily wellness items, each 1–5 with **5 = best** (McLean et al. 2010 convention: 5 = very fresh, very restful
 * sleep, not sore, relaxed, very positive mood). Teams whose form asks it the other way round set
 * `wellnessHigherIsBetter: false` in their thresholds.
 */
export interface RuleWellness {
  sleepQuality?: number | null;
  fatigue?: number | null;
  stress?: number | null;
  soreness?: number | null;
  mood?: number | null;
}

/** What the athlete reported about one day. */
export interface SelfReportDay {
  date: string;
  wellness: RuleWellness | null;
  /** Back pain 0–10; null: not answered. */
  backPain: number | null;
  backPainRegion: string | null;
  /** Red-flag answers that were ticked (night pain, numbness, weakness, bladder/bowel changes, fever, trauma…). */
  redFlags: string[];
  illness: boolean;
}

/** One day of recovery readings (one source per day, chosen by the loader). Null: no reading. */
export interface RecoveryDay {
  date: string;
  /** Resting HR, bpm. */
  restingHr: number | null;
  /** Overnight/morning rMSSD, ms. */
  hrvRmssd: number | null;
  /** Sleep duration, seconds. */
  sleepS: number | null;
}

export interface RuleAthlete {
  /** Shown in titles and messages (the alert e-mail's subject is the title). */
  name: string;
  /** Low-back pain in the last 12 months (onboarding answer). */
  lbpHistory: boolean;
}

/**
 * Everything a rule may read to judge `today`. Arrays are oldest first; anything dated after `today` is ignored.
 * - `days`: daily metric rows up to and including today, up to 90 days, contiguous (the engine's series). When the
 *   athlete's series is shorter than the window, `days[0]` must be the first day of the series: the warm-up rules
 *   count history from it.
 * - `sessions`: the last 42 days of sessions. `selfReports`: the last 28 days. `recovery`: the last 90 days.
 * - `thresholds`: `resolveThresholds(teamOverrides)`.
 */
export interface RuleInput {
  today: string;
  athlete: RuleAthlete;
  days: readonly MetricsDay[];
  sessions: readonly RuleSession[];
  selfReports: readonly SelfReportDay[];
  recovery: readonly RecoveryDay[];
  thresholds: AlertThresholds;
}

/** The numbers behind an alert, by name (rounded; never NaN or ±Infinity). */
export type Evidence = Record<string, number | string | boolean | null>;

/** The rule could not judge today; `reason` is shown to users as is (e.g. in the API next to the rule). */
export interface RuleSuppression {
  reason: string;
}

export interface RuleNotTriggered {
  triggered: false;
  /** Present when the rule could not judge (warm-up, coverage, no readings…); absent when it judged "all fine". */
  suppressed?: RuleSuppression;
}

export interface RuleTriggered {
  triggered: true;
  severity: Severity;
  /** Short, names the athlete (it becomes the e-mail subject). */
  title: string;
  /** Explains the numbers with their units and the dates that triggered; says "risk"/"possible", never diagnoses. */
  message: string;
  evidence: Evidence;
  /** Advice from the catalogue (recommendations.ts), in order of relevance. */
  recommendations: string[];
  /** For composite rules: ids of the rules or score items that made it fire. */
  contributingRules?: string[];
}

/** What a rule says about one day. */
export type RuleResult = RuleNotTriggered | RuleTriggered;

/**
 * An alert rule. `id` is stable (it keys the one-open-alert-per-(athlete, rule) index and e-mail idempotency keys);
 * `evidenceGrade` is stored on every alert the rule raises. `evaluate` is pure and total: it never throws for a
 * valid input and never puts NaN or ±Infinity in its evidence.
 */
export interface AlertRule {
  id: string;
  kind: RuleKind;
  evidenceGrade: RuleEvidenceGrade;
  /** One line for the API / docs: what the rule checks, with its default thresholds. */
  description: string;
  evaluate(input: RuleInput): RuleResult;
}
