import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { Clock } from '@app/common';
import { EmailService, renderAlertEmail } from '@app/notifications';
import { Athlete, User } from '@app/roster';
import { localDate } from '@app/training-load';
import { Alert } from './entities';
import { AlertPlan, planAlert } from './lifecycle';
import { RuleInputLoader } from './rule-input.loader';
import { AlertRule, RULES } from './rules';

/**
 * alerts.evaluate: runs every rule (pure functions, libs/alerting/src/rules) on the athlete's fresh data and
 * applies the lifecycle (libs/alerting/src/lifecycle): one active alert per (athlete, rule), updated not
 * duplicated, resolved after 3 clear days, quiet while acknowledged or snoozed. Alerts that open, escalate or
 * re-alert queue their emails in the same transaction.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inputs: RuleInputLoader,
    private readonly emails: EmailService,
    private readonly clock: Clock,
  ) {}

  async evaluate(athleteId: string): Promise<'done' | 'skipped'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7264))`, [athleteId]);
      const athlete = await manager.findOneBy(Athlete, { id: athleteId });
      if (!athlete) return 'skipped';
      const now = this.clock.now();
      const input = await this.inputs.load(manager, athlete, localDate(now, athlete.timezone));
      for (const rule of RULES) {
        const current = await this.currentAlert(manager, athleteId, rule);
        const plan = planAlert(rule, input, current, now);
        const alert = await this.apply(manager, athleteId, current, plan);
        if (alert && plan.notify) await this.notify(manager, athlete, alert, `${plan.action}:${input.today}:${alert.severity}`);
      }
      return 'done';
    });
  }

  /** The rule's active alert, else its most recent resolved one (the lifecycle may reopen it), else null. */
  private async currentAlert(manager: EntityManager, athleteId: string, rule: AlertRule): Promise<Alert | null> {
    return (
      (await manager.findOneBy(Alert, { athleteId, ruleId: rule.id, status: Not('resolved') })) ??
      (await manager.findOne(Alert, { where: { athleteId, ruleId: rule.id, status: 'resolved' }, order: { lastTriggeredOn: 'DESC', updatedAt: 'DESC' } }))
    );
  }

  private async apply(manager: EntityManager, athleteId: string, current: Alert | null, plan: AlertPlan): Promise<Alert | null> {
    if (plan.action === 'none' || !plan.alert) return null;
    const { contributingRules, ...fields } = plan.alert;
    const evidence = contributingRules?.length ? { ...fields.evidence, contributingRules: contributingRules.join(', ') } : fields.evidence;
    if (plan.action === 'open' || !current) {
      const row = manager.create(Alert, {
        ...fields,
        evidence,
        athleteId,
        ruleId: plan.ruleId,
        kind: plan.kind,
        evidenceGrade: plan.evidenceGrade,
        thresholdsVersion: plan.thresholdsVersion,
      });
      const saved = await manager.save(row);
      this.logger.log(`opened ${plan.ruleId} alert ${saved.id} for athlete ${athleteId} (${saved.severity})`);
      return saved;
    }
    Object.assign(current, { ...fields, evidence, thresholdsVersion: plan.thresholdsVersion });
    return manager.save(current);
  }

  /** One email per (alert, occasion, recipient): the athlete (when we have an address) and the team's coaches. */
  private async notify(manager: EntityManager, athlete: Athlete, alert: Alert, occasion: string): Promise<void> {
    const coaches = await manager.findBy(User, { teamId: athlete.teamId, role: 'coach' });
    const recipients = [
      ...(athlete.email ? [{ email: athlete.email, name: athlete.name, isAthlete: true }] : []),
      ...coaches.map((c) => ({ email: c.email, name: c.name, isAthlete: false })),
    ];
    await this.emails.queue(
      manager,
      recipients.map((r) => ({
        kind: 'alert',
        alertId: alert.id,
        recipient: r.email,
        idempotencyKey: `alert:${alert.id}:${occasion}:${r.email.toLowerCase()}`,
        rendered: renderAlertEmail({
          athleteName: athlete.name,
          recipientName: r.name,
          recipientIsAthlete: r.isAthlete,
          title: alert.title,
          message: alert.message,
          severity: alert.severity,
          recommendations: alert.recommendations,
          evidence: alert.evidence,
          evidenceGrade: alert.evidenceGrade,
        }),
      })),
    );
  }
}
