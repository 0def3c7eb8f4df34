import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '@app/common';
import { CHART_CID, EmailService, numbersLine, PreferencesService, renderAlertEmailHtml, renderLoadChartPng } from '@app/notifications';
import { APP_CONFIG, AppConfig } from '@app/config';
import { OutboxRepository } from '@app/queue';
import { Athlete } from '@app/roster';
import { localDate } from '@app/training-load';
import { Alert } from './entities';
import { AlertPlan, planAlert } from './lifecycle';
import { RuleInputLoader } from './rule-input.loader';
import { RuleInput, RULES } from './rules';

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
    private readonly preferences: PreferencesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
  ) {}

  /** The alerts job: evaluates when the athlete has pending work; an earlier job may already have done it. */
  evaluatePending(athleteId: string): Promise<'done' | 'skipped' | 'coalesced'> {
    return this.evaluate(athleteId, true);
  }

  async evaluate(athleteId: string, onlyIfPending = false): Promise<'done' | 'skipped' | 'coalesced'> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7264))`, [athleteId]);
      const work = onlyIfPending ? await this.outbox.pendingAthleteWork(manager, athleteId, 'evaluate') : null;
      if (onlyIfPending && !work) return 'coalesced';
      if (work) await this.outbox.completeAthleteWork(manager, athleteId, 'evaluate', work.version);
      const athlete = await manager.findOneBy(Athlete, { id: athleteId });
      if (!athlete) return 'skipped';
      await this.evaluateLocked(manager, [athlete]);
      return 'done';
    });
  }

  /**
   * alerts.evaluate-batch: evaluatePending for many athletes in one transaction (their locks in a fixed order). If
   * the batch fails, nothing of it is kept and `handOff` names every athlete, for single jobs (their own retries).
   */
  async evaluatePendingMany(athleteIds: string[]): Promise<{ done: number; coalesced: number; handOff: string[] }> {
    const ids = [...new Set(athleteIds)].sort();
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(id, 7264)) FROM unnest($1::text[]) AS id ORDER BY id`, [ids]);
        const work = await this.outbox.pendingAthleteWorkMany(manager, ids, 'evaluate');
        const todo = ids.filter((id) => work.has(id));
        await this.outbox.completeAthleteWorkMany(manager, 'evaluate', todo.map((id) => ({ athleteId: id, version: work.get(id)?.version as string })));
        const athletes = todo.length > 0 ? await manager.findBy(Athlete, { id: In(todo) }) : [];
        await this.evaluateLocked(manager, athletes.sort((a, b) => (a.id < b.id ? -1 : 1)));
        return { done: todo.length, coalesced: ids.length - todo.length, handOff: [] };
      });
    } catch (error) {
      this.logger.warn(`an alert evaluation batch of ${ids.length} athletes failed (${(error as Error).message}); each goes to its own job`);
      return { done: 0, coalesced: 0, handOff: ids };
    }
  }

  /** Every rule for each athlete (their locks held): the inputs and current alerts of all of them read at once. */
  private async evaluateLocked(manager: EntityManager, athletes: Athlete[]): Promise<void> {
    const now = this.clock.now();
    const inputs = await this.inputs.loadMany(manager, athletes.map((athlete) => ({ athlete, today: localDate(now, athlete.timezone) })));
    const currentOf = await this.currentAlerts(manager, athletes.map((a) => a.id));
    for (const athlete of athletes) {
      const input = inputs.get(athlete.id) as RuleInput;
      const currentByRule = currentOf.get(athlete.id);
      for (const rule of RULES) {
        const current = currentByRule?.get(rule.id) ?? null;
        const plan = planAlert(rule, input, current, now);
        const alert = await this.apply(manager, athlete.id, current, plan);
        if (alert && plan.notify) await this.notify(manager, athlete, alert, `${plan.action}:${input.today}:${alert.severity}`, input.days);
      }
    }
  }

  /**
   * Per athlete and rule: its active alert, else its most recent resolved one (the lifecycle may reopen it). Two
   * queries for all athletes and rules (pick, then lock). Row-locked: a coach's acknowledge/resolve (which locks the same row) must not be
   * overwritten by a plan made from a stale read; a row resolved meanwhile is read after the lock, as it now is.
   */
  private async currentAlerts(manager: EntityManager, athleteIds: string[]): Promise<Map<string, Map<string, Alert>>> {
    const out = new Map<string, Map<string, Alert>>();
    const picked: { id: string }[] = await manager.query(
      `SELECT DISTINCT ON (athlete_id, rule_id) id FROM alerts WHERE athlete_id = ANY($1::uuid[])
       ORDER BY athlete_id, rule_id, (status <> 'resolved') DESC, last_triggered_on DESC, updated_at DESC`,
      [athleteIds],
    );
    if (picked.length === 0) return out;
    const rows = await manager.find(Alert, { where: { id: In(picked.map((p) => p.id)) }, lock: { mode: 'pessimistic_write' } });
    for (const a of rows) {
      const byRule = out.get(a.athleteId) ?? new Map<string, Alert>();
      byRule.set(a.ruleId, a);
      out.set(a.athleteId, byRule);
    }
    return out;
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
    const changes = { ...fields, evidence, thresholdsVersion: plan.thresholdsVersion };
    Object.assign(current, changes);
    // One UPDATE: `save` would first read the row back to diff it, a query per alert and evaluation (the most
    // frequent statement of a busy worker). The row is locked and current, so there is nothing to diff against.
    await manager.update(Alert, { id: current.id }, changes);
    return current;
  }

  /**
   * One email per (alert, occasion, recipient): the athlete (when we have an address) and the coaches they consented
   * to share with, as
   * their preferences say (off / below their minimum severity: none; digest: in tomorrow's digest; quiet hours:
   * delayed). HTML with the numbers and a load chart inline, plain text, one-click unsubscribe.
   */
  private async notify(manager: EntityManager, athlete: Athlete, alert: Alert, occasion: string, days: RuleInput['days']): Promise<void> {
    // Only coaches the athlete shares their data with (SPEC §3 consent).
    const coaches: { email: string; name: string }[] = await manager.query(
      `SELECT u.email, u.name FROM users u JOIN coach_consents c ON c.coach_id = u.id WHERE c.athlete_id = $1 AND c.revoked_at IS NULL AND u.role = 'coach'`,
      [athlete.id],
    );
    const recipients = [
      ...(athlete.email ? [{ email: athlete.email, name: athlete.name, isAthlete: true }] : []),
      ...coaches.map((c) => ({ email: c.email, name: c.name, isAthlete: false })),
    ];
    const now = this.clock.now();
    const decisions = await this.preferences.planAll(recipients.map((r) => r.email), { kind: alert.kind, severity: alert.severity }, now);
    const chart = renderLoadChartPng(days.map((d) => ({ date: d.date, load: d.load, acwrEwma: d.acwrEwma })));
    const queued = recipients.flatMap((r) => {
      const decision = decisions.get(r.email.toLowerCase());
      if (!decision || decision.action === 'drop' || decision.action === 'digest') return [];
      const rendered = renderAlertEmailHtml({
        athleteName: athlete.name,
        recipientName: r.name,
        recipientIsAthlete: r.isAthlete,
        title: alert.title,
        message: alert.message,
        severity: alert.severity,
        recommendations: alert.recommendations,
        evidence: alert.evidence,
        evidenceGrade: alert.evidenceGrade,
        athleteUrl: `${this.config.publicUrl}/athletes/${athlete.id}`,
        chartCid: CHART_CID,
        unsubscribeUrl: this.preferences.unsubscribeLink(r.email, alert.kind),
        numbersLine: numbersLine(alert.ruleId, alert.evidence),
      });
      return [
        {
          kind: 'alert' as const,
          alertId: alert.id,
          recipient: r.email,
          idempotencyKey: `alert:${alert.id}:${occasion}:${r.email.toLowerCase()}`,
          rendered,
          inlinePng: chart,
          sendAfter: decision.action === 'delay' ? decision.sendAfter : null,
          unsubscribeKind: alert.kind,
        },
      ];
    });
    await this.emails.queue(manager, queued);
  }
}
