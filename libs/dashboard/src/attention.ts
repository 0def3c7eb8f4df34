/**
 * Who needs the coach first: pure scoring, no framework. Open alerts weigh most (by severity), then where today's
 * EWMA-ACWR sits (science.md §4.2 bands), the back-pain tier, and data gone quiet. Ties go by name.
 */
export type AcwrBand = 'low' | 'sweet' | 'caution' | 'danger' | 'unknown';
export type BackPainTier = 'none' | 'moderate' | 'high';
export type Severity = 'info' | 'warning' | 'high';

/** < 0.8 under-loaded, 0.8–1.3 the "sweet spot", 1.3–1.5 caution, > 1.5 danger. */
export function acwrBand(acwr: number | null): AcwrBand {
  if (acwr === null || !Number.isFinite(acwr)) return 'unknown';
  if (acwr < 0.8) return 'low';
  if (acwr <= 1.3) return 'sweet';
  if (acwr <= 1.5) return 'caution';
  return 'danger';
}

export interface AttentionInput {
  name: string;
  shared: boolean;
  openAlertSeverities: Severity[];
  acwr: number | null;
  backPainTier: BackPainTier;
  /** Whole days since data last arrived; null: never. */
  daysSinceData: number | null;
}

const SEVERITY_POINTS: Record<Severity, number> = { high: 100, warning: 40, info: 10 };
const BAND_POINTS: Record<AcwrBand, number> = { danger: 30, caution: 15, low: 5, sweet: 0, unknown: 0 };
const BACK_PAIN_POINTS: Record<BackPainTier, number> = { high: 25, moderate: 10, none: 0 };

export interface Attention {
  score: number;
  reasons: string[];
}

export function attentionOf(input: AttentionInput): Attention {
  if (!input.shared) return { score: -1, reasons: ['not shared with you'] };
  const reasons: string[] = [];
  let score = 0;
  const worst = [...input.openAlertSeverities].sort((a, b) => SEVERITY_POINTS[b] - SEVERITY_POINTS[a]);
  if (worst.length > 0) {
    // The worst alert counts in full, each further one a little, so two highs outrank one.
    score += SEVERITY_POINTS[worst[0]] + worst.slice(1).reduce((sum, s) => sum + SEVERITY_POINTS[s] / 10, 0);
    reasons.push(`${worst.length} open alert${worst.length > 1 ? 's' : ''} (worst: ${worst[0]})`);
  }
  const band = acwrBand(input.acwr);
  if (BAND_POINTS[band] > 0) {
    score += BAND_POINTS[band];
    reasons.push(`ACWR ${input.acwr?.toFixed(2)} (${band})`);
  }
  if (BACK_PAIN_POINTS[input.backPainTier] > 0) {
    score += BACK_PAIN_POINTS[input.backPainTier];
    reasons.push(`back-pain tier ${input.backPainTier}`);
  }
  if (input.daysSinceData === null || input.daysSinceData >= 3) {
    score += 3;
    reasons.push(input.daysSinceData === null ? 'no data yet' : `no data for ${input.daysSinceData} days`);
  }
  return { score, reasons };
}

/** Highest score first; equal scores by name, so the order is stable. */
export function byAttention<T extends { name: string; attention: Attention }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.attention.score - a.attention.score || a.name.localeCompare(b.name));
}

/** Open back-pain alerts decide the tier: a referral or a high risk score is high, a warning is moderate. */
export function backPainTier(openAlerts: readonly { ruleId: string; severity: Severity }[]): BackPainTier {
  const backPain = openAlerts.filter((a) => a.ruleId === 'back-pain-risk' || a.ruleId === 'back-pain-referral');
  if (backPain.some((a) => a.severity === 'high')) return 'high';
  return backPain.length > 0 ? 'moderate' : 'none';
}
