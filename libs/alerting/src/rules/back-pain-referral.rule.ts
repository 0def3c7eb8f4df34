/**
 * Back-pain referral — the safety override of science.md §7.2 item 11 (SPEC §5), high, regardless of the score:
 * - persistent pain: back pain ≥ 3/10 reported on each of the last 3 days (today included; a day without an
 *   answer breaks the run);
 * - rising pain: an existing complaint (pain > 0 on ≥ 2 days of the previous week, today−13 … today−7)
 *   whose mean over the last 7 days' answers is at least 1 point above that week's mean (≥ 2 answers in each
 *   week), with today's pain ≥ 3/10. New pain (none the week before) is covered by the persistence trigger instead,
 *   so a first bad day does not refer on its own;
 * - any red flag (night pain, numbness or weakness, bladder/bowel changes, fever, trauma…) reported in the last
 *   3 days (so a report entered a day late is still caught).
 * It recommends seeing a physical therapist or doctor. Evidence grade: moderate (clinical red-flag screening
 * practice; the persistence rule is the seed's advice).
 */
import { addDays } from '../../../training-load/src/calc';
import { recommend } from './recommendations';
import { atLeast, fmt, isFiniteNumber, listing, mean, NOT_TRIGGERED, round } from './rule-support';
import type { AlertRule, RuleInput, RuleResult, SelfReportDay } from './rule.types';

const painOf = (r: SelfReportDay | undefined) => (r && isFiniteNumber(r.backPain) && r.backPain >= 0 && r.backPain <= 10 ? r.backPain : null);
const cleanFlag = (f: unknown) => (typeof f === 'string' ? f.trim().slice(0, 60) : '');

export const backPainReferralRule: AlertRule = {
  id: 'back-pain-referral',
  kind: 'back-pain',
  evidenceGrade: 'moderate',
  description: 'Safety override: back pain ≥ 3/10 on 3 consecutive days, pain rising week over week, or any red flag → see a physical therapist or doctor; high.',
  evaluate(input: RuleInput): RuleResult {
    const t = input.thresholds;
    const byDate = new Map(input.selfReports.filter((r) => r.date <= input.today).map((r) => [r.date, r] as const));

    const run = Array.from({ length: t.referralPainDays }, (_, i) => addDays(input.today, i - t.referralPainDays + 1)).map((date) => ({
      date,
      pain: painOf(byDate.get(date)),
    }));
    const persistent = run.every((d) => d.pain !== null && atLeast(d.pain, t.referralPainMin));

    const week = (from: number, to: number) => {
      const values: number[] = [];
      for (let i = from; i <= to; i++) {
        const p = painOf(byDate.get(addDays(input.today, -i)));
        if (p !== null) values.push(p);
      }
      return values;
    };
    const thisWeek = week(0, 6);
    const lastWeek = week(7, 13);
    const thisMean = thisWeek.length >= 2 ? mean(thisWeek) : null;
    const lastMean = lastWeek.length >= 2 ? mean(lastWeek) : null;
    const todayPain = painOf(byDate.get(input.today));
    const ongoing = lastWeek.filter((p) => p > 0).length >= 2;
    const rising =
      ongoing &&
      thisMean !== null &&
      lastMean !== null &&
      todayPain !== null &&
      atLeast(thisMean - lastMean, t.referralRisingPainDelta) &&
      atLeast(todayPain, t.referralPainMin);

    const flagFrom = addDays(input.today, -(t.referralRedFlagDays - 1));
    const flagged = [...byDate.values()]
      .filter((r) => r.date >= flagFrom && Array.isArray(r.redFlags))
      .flatMap((r) => r.redFlags.map(cleanFlag).filter((f) => f !== '').map((flag) => ({ date: r.date, flag })));

    if (!persistent && !rising && flagged.length === 0) return NOT_TRIGGERED;
    const name = input.athlete.name;
    const parts: string[] = [];
    if (persistent) parts.push(`back pain of ${listing(run.map((d) => `${fmt(d.pain, 0)}/10 on ${d.date}`))} (${t.referralPainDays} days in a row)`);
    if (rising) parts.push(`back pain rising from a mean of ${fmt(lastMean, 1)}/10 to ${fmt(thisMean, 1)}/10 week over week (${fmt(todayPain, 0)}/10 on ${input.today})`);
    if (flagged.length > 0) parts.push(`warning sign${flagged.length === 1 ? '' : 's'} reported: ${listing(flagged.map((f) => `${f.flag} (${f.date})`))}`);
    const reasons = [persistent ? 'persistent pain' : null, rising ? 'rising pain' : null, flagged.length > 0 ? 'red flag' : null].filter((r): r is string => r !== null);
    return {
      triggered: true,
      severity: 'high',
      title: `Back pain needs a professional check for ${name}: ${listing(reasons)}`,
      message:
        `${name} reported ${listing(parts)}. Back pain that persists, gets worse or comes with warning signs should be assessed ` +
        `by a physical therapist or doctor, whatever the training numbers say. Please arrange an assessment before the next hard ` +
        `or heavy session. This is a referral prompt for a possible problem, based on the reports, not a diagnosis.`,
      evidence: {
        date: input.today,
        persistentPain: persistent,
        painDays: run.map((d) => `${d.date}: ${d.pain === null ? 'no answer' : `${fmt(d.pain, 0)}/10`}`).join(', '),
        risingPain: rising,
        painMeanThisWeek: round(thisMean, 2),
        painMeanLastWeek: round(lastMean, 2),
        redFlags: flagged.length > 0 ? flagged.map((f) => `${f.flag} (${f.date})`).join(', ') : null,
        painThreshold: t.referralPainMin,
      },
      recommendations: recommend('seeClinician', 'bookAssessment', 'restOrLowImpact'),
      contributingRules: reasons.map((r) => r.replace(' ', '-')),
    };
  },
};
