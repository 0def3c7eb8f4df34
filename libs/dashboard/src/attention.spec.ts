import fc from 'fast-check';
import { acwrBand, attentionOf, backPainTier, byAttention, type Attention, type AttentionInput, type BackPainTier, type Severity } from './attention';

const quiet: AttentionInput = { name: 'Ada', shared: true, openAlertSeverities: [], acwr: 1, backPainTier: 'none', daysSinceData: 0 };

function input(overrides: Partial<AttentionInput>): AttentionInput {
  return { ...quiet, ...overrides };
}

describe('acwrBand', () => {
  it.each([
    [0, 'low'],
    [0.5, 'low'],
    [0.7999, 'low'],
    [0.8, 'sweet'],
    [0.8001, 'sweet'],
    [1, 'sweet'],
    [1.2999, 'sweet'],
    [1.3, 'sweet'],
    [1.3001, 'caution'],
    [1.4, 'caution'],
    [1.4999, 'caution'],
    [1.5, 'caution'],
    [1.5001, 'danger'],
    [2, 'danger'],
    [10, 'danger'],
  ])('should put an ACWR of %p in the %p band', (acwr, band) => {
    expect(acwrBand(acwr)).toBe(band);
  });

  it.each([[null], [Number.NaN], [Number.POSITIVE_INFINITY], [Number.NEGATIVE_INFINITY]])('should call an ACWR of %p unknown', (acwr) => {
    expect(acwrBand(acwr)).toBe('unknown');
  });
});

describe('backPainTier', () => {
  it.each<[string, { ruleId: string; severity: Severity }[], BackPainTier]>([
    ['no alerts', [], 'none'],
    ['a high back-pain-risk alert', [{ ruleId: 'back-pain-risk', severity: 'high' }], 'high'],
    ['a high back-pain-referral alert', [{ ruleId: 'back-pain-referral', severity: 'high' }], 'high'],
    ['a warning back-pain-risk alert', [{ ruleId: 'back-pain-risk', severity: 'warning' }], 'moderate'],
    ['a warning back-pain-referral alert', [{ ruleId: 'back-pain-referral', severity: 'warning' }], 'moderate'],
    [
      'a warning and a high back-pain alert',
      [
        { ruleId: 'back-pain-risk', severity: 'warning' },
        { ruleId: 'back-pain-referral', severity: 'high' },
      ],
      'high',
    ],
    ['a high alert of another rule', [{ ruleId: 'acwr-spike', severity: 'high' }], 'none'],
    [
      'high and warning alerts of other rules only',
      [
        { ruleId: 'hrv-below-baseline', severity: 'high' },
        { ruleId: 'resting-hr-elevated', severity: 'warning' },
        { ruleId: 'back-pain', severity: 'high' },
      ],
      'none',
    ],
    [
      'a high alert of another rule beside a back-pain warning',
      [
        { ruleId: 'acwr-spike', severity: 'high' },
        { ruleId: 'back-pain-risk', severity: 'warning' },
      ],
      'moderate',
    ],
  ])('should give the right tier for %s', (_label, alerts, tier) => {
    expect(backPainTier(alerts)).toBe(tier);
  });
});

describe('attentionOf', () => {
  it('should score an athlete who does not share with the coach -1, whatever else is true', () => {
    expect(attentionOf(input({ shared: false, openAlertSeverities: ['high', 'high'], acwr: 2, backPainTier: 'high', daysSinceData: null }))).toEqual({
      score: -1,
      reasons: ['not shared with you'],
    });
  });

  it('should score a shared athlete with nothing to report 0 with no reasons', () => {
    expect(attentionOf(quiet)).toEqual({ score: 0, reasons: [] });
  });

  it('should rank one high alert above ACWR danger plus a high back-pain tier plus no data', () => {
    const oneHigh = attentionOf(input({ openAlertSeverities: ['high'] }));
    const everythingElse = attentionOf(input({ acwr: 1.8, backPainTier: 'high', daysSinceData: null }));
    expect(oneHigh.score).toBeGreaterThan(everythingElse.score);
  });

  it('should rank two high alerts above one', () => {
    expect(attentionOf(input({ openAlertSeverities: ['high', 'high'] })).score).toBeGreaterThan(attentionOf(input({ openAlertSeverities: ['high'] })).score);
  });

  it('should rank one high alert above many warnings', () => {
    const warnings: Severity[] = ['warning', 'warning', 'warning', 'warning', 'warning'];
    expect(attentionOf(input({ openAlertSeverities: ['high'] })).score).toBeGreaterThan(attentionOf(input({ openAlertSeverities: warnings })).score);
  });

  it('should count the worst alert in full whatever order the alerts come in', () => {
    const a = attentionOf(input({ openAlertSeverities: ['info', 'warning', 'high'] }));
    const b = attentionOf(input({ openAlertSeverities: ['high', 'info', 'warning'] }));
    expect(a).toEqual(b);
    expect(a.score).toBeCloseTo(100 + 4 + 1, 10);
    expect(a.reasons).toEqual(['3 open alerts (worst: high)']);
  });

  it('should name a single alert without a plural', () => {
    expect(attentionOf(input({ openAlertSeverities: ['warning'] }))).toEqual({ score: 40, reasons: ['1 open alert (worst: warning)'] });
  });

  it('should give the ACWR band its points and reason', () => {
    expect(attentionOf(input({ acwr: 1.62 }))).toEqual({ score: 30, reasons: ['ACWR 1.62 (danger)'] });
    expect(attentionOf(input({ acwr: 1.4 }))).toEqual({ score: 15, reasons: ['ACWR 1.40 (caution)'] });
    expect(attentionOf(input({ acwr: 0.5 }))).toEqual({ score: 5, reasons: ['ACWR 0.50 (low)'] });
    expect(attentionOf(input({ acwr: 1.1 }))).toEqual({ score: 0, reasons: [] });
    expect(attentionOf(input({ acwr: null }))).toEqual({ score: 0, reasons: [] });
  });

  it('should give the back-pain tier its points and reason', () => {
    expect(attentionOf(input({ backPainTier: 'high' }))).toEqual({ score: 25, reasons: ['back-pain tier high'] });
    expect(attentionOf(input({ backPainTier: 'moderate' }))).toEqual({ score: 10, reasons: ['back-pain tier moderate'] });
  });

  it('should give a reason when no data ever arrived', () => {
    expect(attentionOf(input({ daysSinceData: null }))).toEqual({ score: 3, reasons: ['no data yet'] });
  });

  it('should give a reason when data went quiet for 3 days or more, not before', () => {
    expect(attentionOf(input({ daysSinceData: 2 }))).toEqual({ score: 0, reasons: [] });
    expect(attentionOf(input({ daysSinceData: 3 }))).toEqual({ score: 3, reasons: ['no data for 3 days'] });
    expect(attentionOf(input({ daysSinceData: 12 }))).toEqual({ score: 3, reasons: ['no data for 12 days'] });
  });

  it('should list the reasons in order: alerts, ACWR, back pain, data', () => {
    expect(attentionOf(input({ openAlertSeverities: ['high'], acwr: 1.6, backPainTier: 'moderate', daysSinceData: null }))).toEqual({
      score: 100 + 30 + 10 + 3,
      reasons: ['1 open alert (worst: high)', 'ACWR 1.60 (danger)', 'back-pain tier moderate', 'no data yet'],
    });
  });

  it('should not reorder the caller’s alert list', () => {
    const severities: Severity[] = ['info', 'high', 'warning'];
    attentionOf(input({ openAlertSeverities: severities }));
    expect(severities).toEqual(['info', 'high', 'warning']);
  });

  it('should never lower the score when an open alert is added', () => {
    const severity = fc.constantFrom<Severity>('info', 'warning', 'high');
    const arbitraryInput = fc.record({
      name: fc.string(),
      shared: fc.boolean(),
      openAlertSeverities: fc.array(severity, { maxLength: 8 }),
      acwr: fc.option(fc.double({ min: 0, max: 4 }), { nil: null }),
      backPainTier: fc.constantFrom<BackPainTier>('none', 'moderate', 'high'),
      daysSinceData: fc.option(fc.nat({ max: 30 }), { nil: null }),
    });
    fc.assert(
      fc.property(arbitraryInput, severity, fc.nat(), (before, added, at) => {
        const severities = [...before.openAlertSeverities];
        severities.splice(at % (severities.length + 1), 0, added);
        const after = { ...before, openAlertSeverities: severities };
        expect(attentionOf(after).score).toBeGreaterThanOrEqual(attentionOf(before).score);
        if (before.shared) expect(attentionOf(after).score).toBeGreaterThan(attentionOf(before).score);
      }),
    );
  });
});

describe('byAttention', () => {
  const row = (name: string, score: number, tag = ''): { name: string; attention: Attention; tag: string } => ({ name, attention: { score, reasons: [] }, tag });

  it('should put the highest score first', () => {
    const rows = [row('Ada', 3), row('Bea', 140), row('Cy', -1), row('Dee', 40)];
    expect(byAttention(rows).map((r) => r.name)).toEqual(['Bea', 'Dee', 'Ada', 'Cy']);
  });

  it('should break equal scores by name', () => {
    const rows = [row('Cy', 10), row('Ada', 10), row('Bea', 10), row('Zed', 50)];
    expect(byAttention(rows).map((r) => r.name)).toEqual(['Zed', 'Ada', 'Bea', 'Cy']);
  });

  it('should keep rows with the same score and name in their input order', () => {
    const rows = [row('Ada', 10, 'first'), row('Bea', 20), row('Ada', 10, 'second'), row('Ada', 10, 'third')];
    expect(byAttention(rows).map((r) => `${r.name}:${r.tag}`)).toEqual(['Bea:', 'Ada:first', 'Ada:second', 'Ada:third']);
  });

  it('should leave the input array as it was', () => {
    const rows = [row('Ada', 1), row('Bea', 2)];
    const sorted = byAttention(rows);
    expect(rows.map((r) => r.name)).toEqual(['Ada', 'Bea']);
    expect(sorted).not.toBe(rows);
  });

  it('should give the same order whatever order the rows come in', () => {
    const arbitraryRows = fc.uniqueArray(fc.record({ name: fc.constantFrom('Ada', 'Bea', 'Cy', 'Dee', 'Eve'), score: fc.integer({ min: -1, max: 5 }) }), {
      selector: (r) => r.name,
      maxLength: 5,
    });
    const rowsAndShuffled = arbitraryRows.chain((rows) =>
      fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })),
    );
    fc.assert(
      fc.property(rowsAndShuffled, ([rows, shuffled]) => {
        const a = byAttention(rows.map((r) => row(r.name, r.score)));
        const b = byAttention(shuffled.map((r) => row(r.name, r.score)));
        expect(b).toEqual(a);
        for (let i = 1; i < a.length; i++) {
          const prev = a[i - 1];
          const cur = a[i];
          const inOrder = prev.attention.score > cur.attention.score || (prev.attention.score === cur.attention.score && prev.name.localeCompare(cur.name) < 0);
          expect(inOrder).toBe(true);
        }
      }),
    );
  });
});
