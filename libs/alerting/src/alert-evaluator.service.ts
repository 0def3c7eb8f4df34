import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { Clock } from '@app/common';
import { EmailService, renderAlertEmail } from '@app/notifications';
import { Athlete, User } from '@app/roster';
import { addDays, localDate } from '@app/training-load';
import { Alert, AlertHistoryEntry, AlertSeverity } from './entities';
import { AlertRule, MetricsDay, RULES } from './rules';

/** A rule that has not fired for this many days in a row resolves its alert (SPEC §5 lifecycle). */
export const CLEAR_DAYS_TO_RESOLVE = 3;

const SEVERITY_RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, high: 2 };

/**
 * alerts.evaluate: runs every rule on the athlete's latest metrics and opens, updates or resolves one alert
 * per (athlete, rule). New or escalated alerts queue their emails in the same transaction.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly emails: EmailService,
    private readonly clock: Clock,
  ) {}

  async evaluate(athleteId: string): Promise<'done' | 'skipped'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7264))`, [athleteId]);
      const athlete = await manager.findOneBy(Athlete, { id: athleteId });
      if (!athlete) return 'skipped';
      const today = localDate(this.clock.now(), athlete.timezone);
      const days: MetricsDay[] = await manager.query(
        `SELECT date::text AS date, load, acute7 AS "acute7", chronic28 AS "chronic28", acwr_ewma AS "acwrEwma", acwr_rac AS "acwrRac",
           acwr_rau AS "acwrRau", ewma_acute AS "ewmaAcute", ewma_chronic AS "ewmaChronic", coverage28 AS "coverage28"
         FROM daily_metrics WHERE athlete_id = $1 AND date BETWEEN $2 AND $3 ORDER BY date`,
        [athleteId, addDays(today, -(CLEAR_DAYS_TO_RESOLVE - 1)), today],
      );
      for (const rule of RULES) await this.applyRule(manager, athlete, rule, days, today);
      return 'done';
    });
  }

  private async applyRule(manager: EntityManager, athlete: Athlete, rule: AlertRule, days: MetricsDay[], today: string): Promise<void> {
    const context = { athleteName: athlete.name };
    const current = days.find((d) => d.date === today);
    const result = current ? rule.evaluate(current, context) : ({ triggered: false } as const);
    const active = await manager.findOneBy(Alert, { athleteId: athlete.id, ruleId: rule.id, status: Not('resolved') });

    if (!result.triggered) {
      const firedRecently = days.some((d) => rule.evaluate(d, context).triggered);
      if (active && !firedRecently && active.lastTriggeredOn <= addDays(today, -CLEAR_DAYS_TO_RESOLVE)) {
        await this.changeStatus(manager, active, 'resolved', `condition clear for ${CLEAR_DAYS_TO_RESOLVE} days`);
      }
      return;
    }

    const fields = {
      severity: result.severity,
      title: result.title,
      message: result.message,
      evidence: result.evidence,
      recommendations: result.recommendations,
      lastTriggeredOn: today,
    };
    if (!active) {
      const history: AlertHistoryEntry[] = [{ at: this.clock.now().toISOString(), status: 'open', severity: result.severity, by: 'system' }];
      const alert = await manager.save(
        manager.create(Alert, { ...fields, athleteId: athlete.id, ruleId: rule.id, kind: rule.kind, evidenceGrade: rule.evidenceGrade, status: 'open', firstTriggeredOn: today, history }),
      );
      this.logger.log(`opened ${rule.id} alert ${alert.id} for athlete ${athlete.id} (${result.severity})`);
      await this.notify(manager, athlete, alert, 'opened');
      return;
    }
    const escalated = SEVERITY_RANK[result.severity] > SEVERITY_RANK[active.severity];
    Object.assign(active, fields);
    if (escalated) {
      active.history = [...active.history, { at: this.clock.now().toISOString(), status: active.status, severity: result.severity, by: 'system', note: 'severity rose' }];
    }
    await manager.save(active);
    if (escalated) await this.notify(manager, athlete, active, `escalated-${result.severity}`);
  }

  private async changeStatus(manager: EntityManager, alert: Alert, status: Alert['status'], note: string): Promise<void> {
    alert.status = status;
    alert.history = [...alert.history, { at: this.clock.now().toISOString(), status, severity: alert.severity, by: 'system', note }];
    await manager.save(alert);
  }

  /** One email per (alert, recipient, occasion): the athlete (when we have an address) and the team's coaches. */
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
