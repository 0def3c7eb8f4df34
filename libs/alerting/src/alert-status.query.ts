import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainError, ErrorCode } from '@app/common';
import { Athlete } from '@app/roster';
import { localDate } from '@app/training-load';
import { RuleInputLoader } from './rule-input.loader';
import { RULES } from './rules';

export interface RuleStatus {
  ruleId: string;
  kind: string;
  evidenceGrade: string;
  description: string;
  /** `suppressed`: the rule cannot judge today (warm-up, coverage …) and `reason` says why. */
  state: 'triggered' | 'clear' | 'suppressed';
  severity?: string;
  reason?: string;
}

/** Every rule's verdict on the athlete today, including why a rule stays silent (SPEC §4 warm-up and coverage). */
@Injectable()
export class AlertStatusQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inputs: RuleInputLoader,
    private readonly clock: Clock,
  ) {}

  async forAthlete(athleteId: string): Promise<{ athleteId: string; date: string; rules: RuleStatus[] }> {
    return this.dataSource.transaction(async (manager) => {
      const athlete = await manager.findOneBy(Athlete, { id: athleteId });
      if (!athlete) throw new DomainError(ErrorCode.NotFound, `Athlete ${athleteId} not found`);
      const today = localDate(this.clock.now(), athlete.timezone);
      const input = await this.inputs.load(manager, athlete, today);
      const rules = RULES.map((rule): RuleStatus => {
        const base = { ruleId: rule.id, kind: rule.kind, evidenceGrade: rule.evidenceGrade, description: rule.description };
        const result = rule.evaluate(input);
        if (result.triggered) return { ...base, state: 'triggered', severity: result.severity };
        return result.suppressed ? { ...base, state: 'suppressed', reason: result.suppressed.reason } : { ...base, state: 'clear' };
      });
      return { athleteId, date: today, rules };
    });
  }
}
