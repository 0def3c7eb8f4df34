/**
 * One line of plain numbers for the main rules, read from the evidence keys the rules really write
 * (libs/alerting/src/rules/*.rule.ts). Null when the rule has no summary or a key it needs is missing.
 */
type Evidence = Record<string, number | string | boolean | null>;

const num = (e: Evidence, key: string): number | null => {
  const v = e[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Locale-independent number formatting: fixed decimals, comma thousands separators, ASCII minus. */
export function formatNumber(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

function loadSpike(e: Evidence): string | null {
  const acute = num(e, 'ewmaAcute');
  const chronic = num(e, 'ewmaChronic');
  const ratio = num(e, 'acwrEwma');
  if (acute === null || chronic === null || ratio === null) return null;
  return `acute ${formatNumber(acute)} AU/day vs chronic ${formatNumber(chronic)} AU/day → EWMA ratio ${formatNumber(ratio, 2)}`;
}

function weekOverWeek(e: Evidence): string | null {
  const thisWeek = num(e, 'thisWeekLoad');
  const lastWeek = num(e, 'lastWeekLoad');
  const change = num(e, 'weekOverWeek');
  if (thisWeek === null || lastWeek === null || change === null) return null;
  const pct = Math.round(change * 100);
  return `last 7 days ${formatNumber(thisWeek)} AU vs ${formatNumber(lastWeek)} AU the week before → ${pct > 0 ? '+' : ''}${formatNumber(pct)} %`;
}

function monotony(e: Evidence): string | null {
  const parts: string[] = [];
  const weekLoad = num(e, 'weekLoad');
  if (e.monotonyTriggered === true) {
    const threshold = num(e, 'monotonyThreshold');
    const m = num(e, 'monotony');
    const value = e.identicalLoads === true ? 'unbounded (identical daily loads)' : m !== null ? formatNumber(m, 2) : null;
    if (value !== null) {
      parts.push(
        `monotony ${value}${threshold !== null ? ` (above ${formatNumber(threshold, 1)})` : ''}` +
          (weekLoad !== null ? ` over ${formatNumber(weekLoad)} AU in 7 days` : ''),
      );
    }
  }
  if (e.strainTriggered === true) {
    const strain = num(e, 'strain');
    const p = num(e, 'strainP90');
    const pct = num(e, 'strainPercentile');
    if (strain !== null && p !== null) {
      parts.push(`strain ${formatNumber(strain)} AU vs own ${pct !== null ? `${formatNumber(pct)}th percentile` : 'usual'} ${formatNumber(p)} AU`);
    }
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

function backPainRisk(e: Evidence): string | null {
  const score = num(e, 'score');
  if (score === null) return null;
  const tier = typeof e.tier === 'string' ? e.tier : null;
  const elevated = num(e, 'elevatedAt');
  const high = num(e, 'highAt');
  const scale =
    elevated !== null && high !== null ? `elevated from ${formatNumber(elevated)}, high from ${formatNumber(high)}` : null;
  const detail = [tier, scale].filter((s): s is string => s !== null).join('; ');
  return `back-load risk score ${formatNumber(score)} points${detail ? ` (${detail})` : ''}`;
}

const BY_RULE: Record<string, (e: Evidence) => string | null> = {
  'load-spike': loadSpike,
  'week-over-week': weekOverWeek,
  monotony,
  'back-pain-risk': backPainRisk,
};

/** A one-line human summary of the numbers behind an alert, or null for rules without one. */
export function numbersLine(ruleId: string, evidence: Evidence): string | null {
  const f = Object.prototype.hasOwnProperty.call(BY_RULE, ruleId) ? BY_RULE[ruleId] : undefined;
  return f ? f(evidence) : null;
}
