// Watches the background pipeline (outbox -> ingest.normalize -> load.recompute -> alerts.evaluate -> email.send)
// until it is idle and the expected alert and its emails exist, or a deadline passes.

import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobProducer, OutboxRepository, QueueName } from '@app/queue';
import type { DemoApi } from './http';

export interface AlertView {
  id: string;
  athleteId: string;
  ruleId: string;
  kind: string;
  severity: 'info' | 'warning' | 'high';
  status: string;
  title: string;
  firstTriggeredOn: string;
  lastTriggeredOn: string;
  evidence: Record<string, number | string | null>;
}

export interface EmailView {
  id: string;
  alertId: string;
  recipient: string;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  lastError: string | null;
}

export interface Outcome {
  ok: boolean;
  /** What was still missing at the deadline. */
  problem: string | null;
  /** From the start of watching until everything was in place. */
  elapsedMs: number;
  openAlerts: AlertView[];
  emails: EmailView[];
}

const POLL_MS = 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PipelineWatcher {
  private readonly dataSource: DataSource;
  private readonly outbox: OutboxRepository;
  private readonly producer: JobProducer;

  constructor(
    app: INestApplication,
    private readonly api: DemoApi,
  ) {
    this.dataSource = app.get(DataSource);
    this.outbox = app.get(OutboxRepository);
    this.producer = app.get(JobProducer);
  }

  /** Nothing waiting anywhere: every raw event of the team handled, the outbox relayed, every queue empty. */
  async isIdle(teamId: string): Promise<boolean> {
    let queued = 0;
    for (const name of Object.values(QueueName)) {
      const counts = await this.producer.queue(name).getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      queued += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    const [{ pending }]: { pending: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS pending FROM raw_events WHERE team_id = $1 AND status = 'pending'`,
      [teamId],
    );
    return queued === 0 && pending === 0 && (await this.outbox.countPending()) === 0;
  }

  /** Through the public API, as a dashboard would. */
  async openAlerts(athleteIds: string[]): Promise<AlertView[]> {
    const lists = await Promise.all(athleteIds.map((id) => this.api.get<AlertView[]>(`/api/alerts?athleteId=${id}&status=open`)));
    return lists.flat();
  }

  async emailsFor(alertIds: string[]): Promise<EmailView[]> {
    if (alertIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, alert_id AS "alertId", recipient, subject, status, last_error AS "lastError"
       FROM emails WHERE alert_id = ANY($1::uuid[]) ORDER BY created_at, recipient`,
      [alertIds],
    );
  }

  /**
   * Polls until the pipeline has been idle twice in a row, every athlete in `spikeAthleteIds` has an open
   * high-severity load-spike alert, and all of that alert's emails are sent; or until `timeoutMs` passes
   * (or an email has failed for good).
   */
  async waitFor(teamId: string, athleteIds: string[], spikeAthleteIds: string[], timeoutMs: number): Promise<Outcome> {
    const started = Date.now();
    let idleStreak = 0;
    for (;;) {
      idleStreak = (await this.isIdle(teamId)) ? idleStreak + 1 : 0;
      const openAlerts = await this.openAlerts(athleteIds);
      const spikes = openAlerts.filter((a) => spikeAthleteIds.includes(a.athleteId) && a.ruleId === 'load-spike' && a.severity === 'high');
      const emails = await this.emailsFor(spikes.map((a) => a.id));
      const problem = whatIsMissing(idleStreak, spikes.length < spikeAthleteIds.length, emails);
      const elapsedMs = Date.now() - started;
      if (problem === null) return { ok: true, problem, elapsedMs, openAlerts, emails };
      // A failed email has used up its retries: waiting longer will not change it.
      const gaveUp = emails.some((e) => e.status === 'failed');
      if (elapsedMs > timeoutMs || gaveUp) return { ok: false, problem, elapsedMs, openAlerts, emails };
      await sleep(POLL_MS);
    }
  }
}

function whatIsMissing(idleStreak: number, alertMissing: boolean, emails: EmailView[]): string | null {
  if (idleStreak < 2) return 'the pipeline is still working (jobs queued or raw events pending)';
  if (alertMissing) return 'no open high-severity load-spike alert';
  if (emails.length === 0) return 'the alert has no emails';
  const unsent = emails.filter((e) => e.status !== 'sent');
  if (unsent.length === 0) return null;
  return `emails not sent: ${unsent.map((e) => `${e.recipient} (${e.status}${e.lastError ? `: ${e.lastError}` : ''})`).join(', ')}`;
}
