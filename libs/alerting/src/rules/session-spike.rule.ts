/**
 * Single-session spike (Garmin-RUNSAFE, Frandsen/Nielsen et al. BJSM 2025; science.md §2.5, §5): a run today more
 * than 10 % longer than the longest run of the 30 days before it (same sport family; earlier runs the same day
 * count), warning. In that cohort of 5,205 runners injuries clustered in single sessions 10–30 % (and more than
 * 100 %) longer than the 30-day longest, while weekly ratios did not predict injury. Families checked:
 * `sessionSpikeFamilies` (default running). Not judged until the series has 30 days before today: with a shorter
 * history "the longest of the last 30 days" is not known. Evidence grade: moderate.
 */
import { addDays, sessionSpike, sportFamily } from '../../../training-load/src/calc';
import type { DistanceSession } from '../../../training-load/src/calc';
import { recommend } from './recommendations';
import { fmt, historyDays, isFiniteNumber, NOT_TRIGGERED, round, sessionsBetween, startMs, suppressed } from './rule-support';
import type { AlertRule, RuleInput, RuleResult, RuleSession } from './rule.types';

export interface SpikeFinding {
  session: RuleSession;
  distanceM: number;
  longestM: number;
  longestDate: string | null;
  ratio: number;
}

export interface SpikeCheck {
  /** Today's sessions of a checked family with a distance. */
  checked: number;
  spikes: SpikeFinding[];
  /** Why today's sessions could not be compared (no earlier session, no distance…), or null. */
  reason: string | null;
}

const toDistance = (s: RuleSession): DistanceSession => ({
  start: new Date(startMs(s)),
  distanceM: isFiniteNumber(s.distanceM) && s.distanceM >= 0 ? s.distanceM : null,
  sport: s.sport,
});

/** Spikes of today's sessions (shared with the back-pain score, item 4). */
export function sessionSpikeCheck(input: RuleInput): SpikeCheck {
  const t = input.thresholds;
  const families = new Set(t.sessionSpikeFamilies);
  const inFamily = (s: RuleSession) => {
    const f = sportFamily(s.sport);
    return f !== null && families.has(f);
  };
  const todays = sessionsBetween(input, input.today, input.today).filter(inFamily);
  if (todays.length === 0) return { checked: 0, spikes: [], reason: null };
  const history = sessionsBetween(input, addDays(input.today, -(t.sessionSpikeLookbackDays + 1)), input.today).filter(inFamily);
  const historyDistances = history.map(toDistance);
  const spikes: SpikeFinding[] = [];
  let compared = 0;
  let withDistance = 0;
  for (const s of todays) {
    const d = toDistance(s);
    if (d.distanceM === null || d.distanceM <= 0) continue;
    withDistance++;
    const r = sessionSpike(d, historyDistances, { lookbackDays: t.sessionSpikeLookbackDays, threshold: t.sessionSpikeThreshold });
    if (r.ratio === null || r.longestM === null) continue;
    compared++;
    if (!r.spike) continue;
    const longest = history.find((h) => toDistance(h).distanceM === r.longestM && startMs(h) < startMs(s));
    spikes.push({ session: s, distanceM: d.distanceM, longestM: r.longestM, longestDate: longest?.localDate ?? null, ratio: r.ratio });
  }
  let reason: string | null = null;
  if (compared === 0) {
    reason =
      withDistance === 0
        ? `today's ${[...families].join('/')} session has no distance to compare`
        : `no earlier ${[...families].join('/')} session with a distance in the ${t.sessionSpikeLookbackDays} days before to compare with`;
  }
  return { checked: withDistance, spikes, reason };
}

export const sessionSpikeRule: AlertRule = {
  id: 'session-spike',
  kind: 'overtraining',
  evidenceGrade: 'moderate',
  description: 'A run today > 10% longer than the longest run of the previous 30 days (Garmin-RUNSAFE); warning; needs 30 days of history.',
  evaluate(input: RuleInput): RuleResult {
    const history = historyDays(input);
    const lookback = input.thresholds.sessionSpikeLookbackDays;
    if (history <= lookback) return suppressed(`the ${lookback}-day look-back needs ${lookback} days of history before today (${Math.max(0, history - 1)} so far)`);
    const check = sessionSpikeCheck(input);
    if (check.spikes.length === 0) return check.reason !== null ? suppressed(check.reason) : NOT_TRIGGERED;
    const top = check.spikes.reduce((a, b) => (b.ratio > a.ratio ? b : a));
    const name = input.athlete.name;
    const km = (m: number) => `${fmt(m / 1000, 1)} km`;
    const longer = `${fmt((top.ratio - 1) * 100, 0)}%`;
    return {
      triggered: true,
      severity: 'warning',
      title: `Long-session spike for ${name}: ${km(top.distanceM)}, ${longer} longer than the 30-day longest`,
      message:
        `${name}'s ${top.session.sport ?? 'session'} on ${input.today} covered ${km(top.distanceM)}, ${longer} longer than the longest ` +
        `of the previous ${input.thresholds.sessionSpikeLookbackDays} days (${km(top.longestM)}${top.longestDate ? ` on ${top.longestDate}` : ''}). ` +
        `In a cohort of 5,205 runners, single runs more than 10% longer than the 30-day longest went with more injuries ` +
        `(Garmin-RUNSAFE, 2025); this is a possible risk signal, not a diagnosis.`,
      evidence: {
        date: input.today,
        distanceKm: round(top.distanceM / 1000, 2),
        longestKm: round(top.longestM / 1000, 2),
        longestDate: top.longestDate,
        ratio: round(top.ratio, 3),
        threshold: input.thresholds.sessionSpikeThreshold,
        sport: top.session.sport,
        spikesToday: check.spikes.length,
      },
      recommendations: recommend('progressRunsGradually', 'restOrLowImpact', 'warmUpCoolDown'),
    };
  },
};
