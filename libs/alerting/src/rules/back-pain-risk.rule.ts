/**
 * Back-load risk score (science.md §7.2; SPEC §5): an explainable points score, never a probability.
 *
 * | item | points | grade |
 * |---|---|---|
 * | lbp-history: low-back pain in the last 12 months | +3 | strong (Wilson 2021, OR 3.5) |
 * | current-pain: back pain ≥ 3/10 reported today (also see back-pain-referral) | +3 | symptom |
 * | load-spike: EWMA-ACWR or uncoupled RA > 1.5 (judged only with coverage) | +2 | moderate |
 * | week-over-week (> +30 %, all 14 days known) or session-spike (run > 10 % over the 30-day longest) | +1 | moderate |
 * | spinal-volume: spinal-loading sRPE or tonnage of the last 7 days > 1.3 × its weekly mean of the 4 weeks before (a first spinal week after 4 without counts) | +2 | moderate |
 * | spinal-spacing: ≥ 3 spinal-loading sessions in the last 7 days with another one < 48 h before or after | +1 | moderate |
 * | max-attempt: a max attempt (tag, or a spinal lift at RPE 10) in the last 3 days (≈ 72 h) | +1 | low |
 * | no-rest: no rest day in the last 7 known days, or a streak ≥ 10 | +1 | low |
 * | recovery: HRV below band / resting HR ≥ +5 bpm / 7-day sleep < 7 h — one +1, two or more +2 | +1/+2 | low |
 * | no-core: no core or trunk work logged in the last 14 days | +1 | low |
 *
 * Tiers: 0–2 low (no alert), 3–5 elevated (warning), ≥ 6 high. With `backPainRequireDynamicItem` (default) the
 * alert also needs at least one item that changes with training or symptoms (all but lbp-history and no-core), so
 * a history of back pain alone does not hold a permanent alert open. Items that cannot be judged score 0 and are
 * listed with their reason. `contributingRules` names the scoring items (ids as above). Evidence grade: low (the
 * weights are a heuristic to be validated, science.md §7.2).
 */
import { addDays } from '../../../training-load/src/calc';
import { ratioSuppression } from './load-spike.rule';
import { restCheck } from './no-rest.rule';
import { recommend } from './recommendations';
import type { RecommendationKey } from './recommendations';
import { above, atLeast, fmt, fmtHours, historyDays, isFiniteNumber, listing, round, sessionsBetween, signedPercent, startMs, todayRow } from './rule-support';
import type { AlertRule, Evidence, RuleEvidenceGrade, RuleInput, RuleResult } from './rule.types';
import { sessionSpikeCheck } from './session-spike.rule';
import { recoverySignals } from './signals';
import { isCoreWork, isMaxAttempt, isSpinalLoading, sessionLoadAu, spinalTonnage } from './strength';
import { weekOverWeekCheck } from './week-over-week.rule';

export type ScoreItemId =
  | 'lbp-history'
  | 'current-pain'
  | 'load-spike'
  | 'week-over-week'
  | 'session-spike'
  | 'spinal-volume'
  | 'spinal-spacing'
  | 'max-attempt'
  | 'no-rest'
  | 'recovery'
  | 'no-core';

export interface ScoreItem {
  id: ScoreItemId;
  /** Points it adds (> 0 for the scored items). */
  points: number;
  /** Evidence grade of the item; `symptom` for current pain (a symptom, not a risk factor). */
  grade: RuleEvidenceGrade | 'symptom';
  /** What was found, with numbers, units and dates. */
  detail: string;
  /** False for the standing items (lbp-history, no-core). */
  dynamic: boolean;
}

export type BackPainTier = 'low' | 'elevated' | 'high';

export interface BackPainScore {
  total: number;
  tier: BackPainTier;
  /** The items that scored, in table order. */
  items: ScoreItem[];
  /** Items that could not be judged today, with why. */
  notJudged: { id: ScoreItemId; reason: string }[];
}

const GRADE_TEXT: Record<ScoreItem['grade'], string> = {
  strong: 'strong evidence',
  moderate: 'moderate evidence',
  low: 'low evidence',
  vendor: 'vendor guidance',
  symptom: 'symptom',
};

/** The score on today with every item's reasoning (the API can show it even when no alert is raised). */
export function backPainScore(input: RuleInput): BackPainScore {
  const t = input.thresholds;
  const items: ScoreItem[] = [];
  const notJudged: BackPainScore['notJudged'] = [];
  const add = (id: ScoreItemId, points: number, grade: ScoreItem['grade'], detail: string, dynamic = true) =>
    items.push({ id, points, grade, detail, dynamic });
  const history = historyDays(input);

  // 1. history
  if (input.athlete.lbpHistory) add('lbp-history', 3, 'strong', 'low-back pain in the last 12 months', false);

  // 2. current pain
  const report = input.selfReports.find((r) => r.date === input.today);
  if (report && isFiniteNumber(report.backPain)) {
    if (atLeast(report.backPain, t.backPainCurrentPain)) add('current-pain', 3, 'symptom', `back pain ${fmt(report.backPain, 0)}/10 reported on ${input.today}`);
  } else notJudged.push({ id: 'current-pain', reason: `no back-pain answer for ${input.today}` });

  // 3. load spike (EWMA or uncoupled)
  const day = todayRow(input);
  const ratioWhy = day ? ratioSuppression(input, day) : `no daily metrics for ${input.today}`;
  if (day && ratioWhy === null) {
    const ewma = day.acwrEwma;
    const rau = day.acwrRau;
    if ((ewma !== null && above(ewma, t.loadSpikeHigh)) || (rau !== null && above(rau, t.loadSpikeHigh))) {
      add('load-spike', 2, 'moderate', `acute:chronic ratio EWMA ${fmt(ewma, 2)} / uncoupled ${fmt(rau, 2)} above ${t.loadSpikeHigh} on ${input.today}`);
    }
  } else notJudged.push({ id: 'load-spike', reason: ratioWhy ?? 'ratio undefined' });

  // 4. week-over-week jump, or a run spike
  const wow = weekOverWeekCheck(input);
  const spike = historyDays(input) > t.sessionSpikeLookbackDays ? sessionSpikeCheck(input) : { spikes: [] };
  if (wow.change !== null && above(wow.change, t.weekOverWeekWarning)) {
    add('week-over-week', 1, 'moderate', `7-day load ${signedPercent(wow.change)} week over week (${fmt(wow.thisWeek, 0)} vs ${fmt(wow.lastWeek, 0)} AU)`);
  } else if (spike.spikes.length > 0) {
    const top = spike.spikes[0];
    add('session-spike', 1, 'moderate', `a ${fmt(top.distanceM / 1000, 1)} km run on ${input.today}, ${fmt((top.ratio - 1) * 100, 0)}% over the 30-day longest`);
  } else if (wow.change === null) notJudged.push({ id: 'week-over-week', reason: wow.reason ?? 'undefined' });

  // 5. spinal-loading volume vs its own 4-week mean
  const weekFrom = addDays(input.today, -6);
  const baseFrom = addDays(input.today, -34);
  const spinal = sessionsBetween(input, addDays(input.today, -36), input.today).filter(isSpinalLoading);
  const inWeek = spinal.filter((s) => s.localDate >= weekFrom);
  const inBase = spinal.filter((s) => s.localDate >= baseFrom && s.localDate < weekFrom);
  const sum = (xs: typeof spinal, f: (s: (typeof spinal)[number]) => number) => xs.reduce((a, s) => a + f(s), 0);
  const weekLoad = sum(inWeek, sessionLoadAu);
  const weekKg = sum(inWeek, spinalTonnage);
  const baseLoad = sum(inBase, sessionLoadAu) / 4;
  const baseKg = sum(inBase, spinalTonnage) / 4;
  const loadRatio = baseLoad > 0 ? weekLoad / baseLoad : null;
  const kgRatio = baseKg > 0 ? weekKg / baseKg : null;
  if (history < 35) {
    notJudged.push({ id: 'spinal-volume', reason: `spinal-loading volume needs 5 weeks of history (${history} days so far)` });
  } else if (inWeek.length > 0) {
    if (inBase.length === 0) {
      add('spinal-volume', 2, 'moderate', `${inWeek.length} spinal-loading session${inWeek.length === 1 ? '' : 's'} since ${weekFrom} after 4 weeks without any`);
    } else if ((kgRatio !== null && above(kgRatio, t.spinalVolumeRatio)) || (loadRatio !== null && above(loadRatio, t.spinalVolumeRatio))) {
      const useKg = kgRatio !== null && (loadRatio === null || kgRatio >= loadRatio);
      add(
        'spinal-volume',
        2,
        'moderate',
        useKg
          ? `spinal-loading tonnage ${fmt(weekKg, 0)} kg since ${weekFrom}, ${fmt(kgRatio, 2)}× its 4-week weekly mean of ${fmt(baseKg, 0)} kg`
          : `spinal-loading load ${fmt(weekLoad, 0)} AU since ${weekFrom}, ${fmt(loadRatio, 2)}× its 4-week weekly mean of ${fmt(baseLoad, 0)} AU`,
      );
    }
  }

  // 6. spinal sessions too close together
  const gapMs = t.spinalGapHours * 3_600_000;
  const close = inWeek.filter((s) => spinal.some((o) => o !== s && Math.abs(startMs(o) - startMs(s)) < gapMs));
  if (close.length >= t.spinalCloseSessions) {
    add('spinal-spacing', 1, 'moderate', `${close.length} spinal-loading sessions less than ${t.spinalGapHours} h apart (${listing([...new Set(close.map((s) => s.localDate))])})`);
  }

  // 7. max attempt
  const maxFrom = addDays(input.today, -(t.maxAttemptDays - 1));
  const maxes = sessionsBetween(input, maxFrom, input.today).filter(isMaxAttempt);
  if (maxes.length > 0) add('max-attempt', 1, 'low', `max-effort attempt on ${maxes[maxes.length - 1].localDate} (within ${t.maxAttemptDays * 24} h)`);

  // 8. no rest
  const rest = restCheck(input);
  if (rest.noRest || rest.longStreak) {
    add('no-rest', 1, 'low', rest.longStreak ? `${rest.streak} consecutive training days` : `no rest day in the last ${t.noRestKnownDays} known days`);
  } else if (rest.noRest === null) notJudged.push({ id: 'no-rest', reason: `fewer than ${t.noRestKnownDays} known days in the last ${t.noRestLookbackDays}` });

  // 9. recovery flags
  const r = recoverySignals(input, input.today);
  const flags = [
    r.hrvBelow ? `7-day lnRMSSD ${fmt(r.hrv.mean7, 3)} below its band (${fmt(r.hrv.lower, 3)}–${fmt(r.hrv.upper, 3)})` : null,
    r.rhrElevated ? `resting heart rate ${fmt(r.rhr.delta, 1)} bpm above baseline` : null,
    r.sleepDeficit ? `7-day mean sleep ${fmtHours(r.sleepMeanH)}` : null,
  ].filter((f): f is string => f !== null);
  if (flags.length > 0) add('recovery', flags.length >= 2 ? 2 : 1, 'low', `recovery: ${listing(flags)}`);
  else if (r.hrvBelow === null && r.rhrElevated === null && r.sleepDeficit === null) notJudged.push({ id: 'recovery', reason: 'no recovery marker can be judged' });

  // 10. no core work
  if (history < t.noCoreDays) {
    notJudged.push({ id: 'no-core', reason: `needs ${t.noCoreDays} days of history (${history} so far)` });
  } else if (!sessionsBetween(input, addDays(input.today, -(t.noCoreDays - 1)), input.today).some(isCoreWork)) {
    add('no-core', 1, 'low', `no core or trunk work logged in the last ${t.noCoreDays} days`, false);
  }

  const total = items.reduce((s, i) => s + i.points, 0);
  const tier: BackPainTier = total >= t.backPainHighScore ? 'high' : total >= t.backPainElevatedScore ? 'elevated' : 'low';
  return { total, tier, items, notJudged };
}

const ADVICE: Record<ScoreItemId, RecommendationKey[]> = {
  'lbp-history': ['coreWork', 'hamstringStretching'],
  'current-pain': ['bookAssessment'],
  'load-spike': ['buildGradually'],
  'week-over-week': ['buildGradually'],
  'session-spike': ['buildGradually'],
  'spinal-volume': ['liftingForm', 'alternateMuscleGroups'],
  'spinal-spacing': ['spaceSpinalSessions', 'alternateMuscleGroups'],
  'max-attempt': ['liftingForm', 'spaceSpinalSessions'],
  'no-rest': ['scheduleRestDay'],
  recovery: ['prioritiseSleep'],
  'no-core': ['coreWork'],
};

export const backPainRiskRule: AlertRule = {
  id: 'back-pain-risk',
  kind: 'back-pain',
  evidenceGrade: 'low',
  description: 'Back-load risk points score (science.md §7.2): 3–5 elevated (warning), ≥ 6 high; needs at least one changing item; never a probability.',
  evaluate(input: RuleInput): RuleResult {
    const t = input.thresholds;
    const score = backPainScore(input);
    if (score.tier === 'low') return { triggered: false };
    if (t.backPainRequireDynamicItem && !score.items.some((i) => i.dynamic)) return { triggered: false };
    const name = input.athlete.name;
    const itemsText = score.items.map((i) => `${i.detail} +${i.points} (${GRADE_TEXT[i.grade]})`);
    const evidence: Evidence = { date: input.today, score: score.total, tier: score.tier, elevatedAt: t.backPainElevatedScore, highAt: t.backPainHighScore };
    for (const i of score.items) evidence[`item:${i.id}`] = `+${i.points} (${i.grade}): ${i.detail}`;
    evidence.notJudged = score.notJudged.length > 0 ? score.notJudged.map((n) => `${n.id} (${n.reason})`).join('; ') : null;
    const keys: RecommendationKey[] = ['restOrLowImpact', ...score.items.flatMap((i) => ADVICE[i.id]), 'warmUpCoolDown'];
    return {
      triggered: true,
      severity: score.tier === 'high' ? 'high' : 'warning',
      title: `${score.tier === 'high' ? 'High' : 'Elevated'} back-load risk for ${name}: score ${score.total}`,
      message:
        `${name}'s back-load risk score is ${score.total} points (${score.tier}; elevated from ${t.backPainElevatedScore}, high from ${t.backPainHighScore}) on ${input.today}: ` +
        `${itemsText.join('; ')}. The score adds up known risk factors for low-back pain to show why it is raised; ` +
        `it is a monitoring heuristic, not a probability and not a diagnosis.`,
      evidence: Object.fromEntries(Object.entries(evidence).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v])),
      recommendations: recommend(...keys),
      contributingRules: score.items.map((i) => i.id),
    };
  },
};
