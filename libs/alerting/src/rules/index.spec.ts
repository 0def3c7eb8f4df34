import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertHistoryEntry, AlertKind, AlertSeverity, EvidenceGrade } from '../entities/alert.entity';
import type { LifecycleHistoryEntry } from '../lifecycle/lifecycle.types';
import { addDays } from '../../../training-load/src/calc';
import { evaluateRecentDays, inputAsOf, RULE_INPUT_WINDOWS, RULES, RULES_BY_ID } from './index';
import { RECOMMENDATIONS, recommend } from './recommendations';
import { SEVERITY_RANK } from './rule.types';
import type { RuleEvidenceGrade, RuleKind, Severity } from './rule.types';
import { makeInput, report, TODAY } from './testing/fixtures';
import { bannedPhrasesIn } from './wording';

// compile-time: the framework-free mirrors stay assignable both ways to the entity's types (tsc fails otherwise)
const toEntity = (s: Severity, k: RuleKind, g: RuleEvidenceGrade, h: LifecycleHistoryEntry): [AlertSeverity, AlertKind, EvidenceGrade, AlertHistoryEntry] => [s, k, g, h];
const fromEntity = (s: AlertSeverity, k: AlertKind, g: EvidenceGrade, h: AlertHistoryEntry): [Severity, RuleKind, RuleEvidenceGrade, LifecycleHistoryEntry] => [s, k, g, h];

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('rules index', () => {
  it('should list every rule once with stable ids', () => {
    expect(RULES.map((r) => r.id)).toEqual([
      'load-spike',
      'monotony',
      'no-rest',
      'week-over-week',
      'form',
      'session-spike',
      'recovery',
      'possible-nfor',
      'back-pain-risk',
      'back-pain-referral',
    ]);
    expect(RULES_BY_ID.get('possible-nfor')?.kind).toBe('overtraining');
    expect(RULES.filter((r) => r.kind === 'back-pain').map((r) => r.id)).toEqual(['back-pain-risk', 'back-pain-referral']);
    for (const r of RULES) expect(r.description.length).toBeGreaterThan(20);
  });

  it('should keep its types in line with the alert entity and rank severities', () => {
    const entry: AlertHistoryEntry = { at: '2026-03-20T10:00:00.000Z', status: 'snoozed', severity: 'info', by: 'coach' };
    expect(fromEntity(...toEntity('high', 'back-pain', 'vendor', entry))).toEqual(['high', 'back-pain', 'vendor', entry]);
    expect(SEVERITY_RANK.info < SEVERITY_RANK.warning && SEVERITY_RANK.warning < SEVERITY_RANK.high).toBe(true);
  });

  it('should import no framework in the rules or the lifecycle', () => {
    const files = [...sourcesUnder(__dirname), ...sourcesUnder(join(__dirname, '../lifecycle'))].filter((f) => !f.endsWith('.spec.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const imports = [...readFileSync(f, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      // relative only, never the entities (typeorm), and outside alerting only the engine's pure calc module
      const bad = imports.filter((i) => !i.startsWith('.') || i.includes('entities') || (i.includes('training-load') && !i.endsWith('training-load/src/calc')));
      expect({ file: f, bad }).toEqual({ file: f, bad: [] });
    }
  });

  it('should give each piece of advice once, in the order asked', () => {
    expect(recommend('coreWork', 'restOrLowImpact', 'coreWork')).toEqual([RECOMMENDATIONS.coreWork, RECOMMENDATIONS.restOrLowImpact]);
  });

  it('should cover the SPEC §5 advice in the catalogue without banned wording', () => {
    const all = Object.values(RECOMMENDATIONS).join('\n');
    for (const phrase of ['swimming, cycling, walking', 'planks, bird dogs, pelvic tilts, partial crunches, wall sits', 'Warm up and cool down', 'hamstrings', 'with caution', 'Alternate muscle groups', 'neutral spine', 'assessment']) {
      expect(all).toContain(phrase);
    }
    expect(bannedPhrasesIn(all)).toEqual([]);
  });

  it('should give an input as it stood on an earlier day', () => {
    const input = makeInput({ selfReports: [report(addDays(TODAY, -1), { backPain: 4 }), report(TODAY, { backPain: 6 })] });
    const earlier = inputAsOf(input, addDays(TODAY, -1));
    expect(earlier.today).toBe(addDays(TODAY, -1));
    expect(earlier.days[earlier.days.length - 1].date).toBe(addDays(TODAY, -1));
    expect(earlier.selfReports.map((r) => r.backPain)).toEqual([4]);
    expect(inputAsOf(input, TODAY)).toBe(input);
    expect(() => inputAsOf(input, addDays(TODAY, 1))).toThrow(RangeError);
  });

  it('should judge a rule on the last 3 days, oldest first', () => {
    const input = makeInput({ last: { acwrEwma: 1.7 } });
    const results = evaluateRecentDays(RULES[0], input);
    expect(results.map((r) => [r.date, r.result.triggered])).toEqual([
      [addDays(TODAY, -2), false],
      [addDays(TODAY, -1), false],
      [TODAY, true],
    ]);
  });

  it('should ask the loader for the rule windows plus the 2 re-judged days', () => {
    expect(RULE_INPUT_WINDOWS).toEqual({ metricsDays: 119, sessionDays: 44, selfReportDays: 30, recoveryDays: 92 });
  });
});
