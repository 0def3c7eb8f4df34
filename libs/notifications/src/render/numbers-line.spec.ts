import { formatNumber, numbersLine } from './numbers-line';

describe('numbersLine', () => {
  it('should summarise a load spike from the evidence the rule writes', () => {
    expect(numbersLine('load-spike', { date: '2025-03-01', acwrEwma: 1.391, ewmaAcute: 434.2, ewmaChronic: 312.4, acwrRac: 1.2, threshold: 1.3 })).toBe(
      'acute 434 AU/day vs chronic 312 AU/day → EWMA ratio 1.39',
    );
  });

  it('should summarise week-over-week with thousands separators and a signed percentage', () => {
    expect(numbersLine('week-over-week', { weekOverWeek: 0.3514, thisWeekLoad: 2500, lastWeekLoad: 1850, threshold: 0.3 })).toBe(
      'last 7 days 2,500 AU vs 1,850 AU the week before → +35 %',
    );
  });

  it('should summarise monotony, strain or both as they triggered', () => {
    const base = { weekLoad: 2500, monotony: 2.345, identicalLoads: false, monotonyThreshold: 2, strain: 5875, strainP90: 4900.4, strainPercentile: 90 };
    expect(numbersLine('monotony', { ...base, monotonyTriggered: true, strainTriggered: false })).toBe('monotony 2.35 (above 2.0) over 2,500 AU in 7 days');
    expect(numbersLine('monotony', { ...base, monotonyTriggered: false, strainTriggered: true })).toBe('strain 5,875 AU vs own 90th percentile 4,900 AU');
    expect(numbersLine('monotony', { ...base, monotony: null, identicalLoads: true, monotonyTriggered: true, strainTriggered: true })).toBe(
      'monotony unbounded (identical daily loads) (above 2.0) over 2,500 AU in 7 days; strain 5,875 AU vs own 90th percentile 4,900 AU',
    );
  });

  it('should summarise the back-pain risk score as points, never as a probability', () => {
    const line = numbersLine('back-pain-risk', { score: 9, tier: 'high', elevatedAt: 3, highAt: 6, 'item:lbp-history': '+2 (strong): yes' });
    expect(line).toBe('back-load risk score 9 points (high; elevated from 3, high from 6)');
    expect(line).not.toMatch(/%|probab|chance/i);
  });

  it('should return null for other rules, prototype keys and missing evidence', () => {
    expect(numbersLine('no-rest', { streak: 12 })).toBeNull();
    expect(numbersLine('toString', {})).toBeNull();
    expect(numbersLine('load-spike', { acwrEwma: 1.4, ewmaAcute: 400 })).toBeNull();
    expect(numbersLine('week-over-week', { weekOverWeek: '0.4', thisWeekLoad: 2, lastWeekLoad: 1 })).toBeNull();
    expect(numbersLine('monotony', { monotonyTriggered: false, strainTriggered: false })).toBeNull();
  });

  it('should format numbers without depending on the locale', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-1500)).toBe('-1,500');
    expect(formatNumber(-0.001, 1)).toBe('0.0');
    expect(formatNumber(999)).toBe('999');
  });
});
