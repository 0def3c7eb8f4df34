import type { AlertKind, AlertSeverity, EvidenceGrade } from '../entities';

/** The metric fields a rule may read (a subset of a daily metrics row). */
export interface MetricsDay {
  date: string;
  load: number;
  acute7: number | null;
  chronic28: number | null;
  acwrEwma: number | null;
  acwrRac: number | null;
  acwrRau: number | null;
  ewmaAcute: number | null;
  ewmaChronic: number | null;
  coverage28: number;
}

export interface RuleContext {
  athleteName: string;
}

/** What a rule says about one day: nothing, or an alert with its numbers and advice. */
export type RuleResult =
  | { triggered: false }
  | {
      triggered: true;
      severity: AlertSeverity;
      title: string;
      message: string;
      evidence: Record<string, number | string | null>;
      recommendations: string[];
    };

export interface AlertRule {
  id: string;
  kind: AlertKind;
  evidenceGrade: EvidenceGrade;
  evaluate(day: MetricsDay, context: RuleContext): RuleResult;
}
