import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { JobName, OutboxRepository } from '@app/queue';
import { Email } from './entities';
import { MailTransport } from './mail-transport';
import type { RenderedEmail } from './alert-email.template';

export interface QueuedEmail {
  kind: 'alert' | 'digest';
  alertId: string | null;
  recipient: string;
  /** At most one email ever exists per key, however often the caller runs. */
  idempotencyKey: string;
  rendered: RenderedEmail;
}

/** Stores outgoing email (inside the caller's transaction) and sends it from the email.send job. */
@Injectable()
export class EmailService {
  private readonly logger = new Logger(EmailService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the ids of emails that are new; an existing idempotency key is left alone. */
  async queue(manager: EntityManager, emails: QueuedEmail[]): Promise<string[]> {
    const created: string[] = [];
    for (const email of emails) {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO emails (kind, alert_id, recipient, idempotency_key, subject, body_text) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [email.kind, email.alertId, email.recipient, email.idempotencyKey, email.rendered.subject, email.rendered.text],
      );
      if (rows.length === 0) continue;
      await this.outbox.add(manager, JobName.SendEmail, { emailId: rows[0].id });
      created.push(rows[0].id);
    }
    return created;
  }

  /** email.send. A sent email is never sent again; a failure is recorded and rethrown so the job retries. */
  async send(emailId: string): Promise<'sent' | 'already-sent' | 'missing'> {
    const email = await this.dataSource.getRepository(Email).findOneBy({ id: emailId });
    if (!email) return 'missing';
    if (email.status === 'sent') return 'already-sent';
    try {
      const messageId = await this.transport.send({
        from: this.config.mailFrom,
        to: email.recipient,
        subject: email.subject,
        text: email.bodyText,
        // Stable per email: a receiving server can drop a duplicate if we crash between sending and recording.
        messageId: `<${email.id}@loadwatch>`,
        headers: { 'X-Loadwatch-Email-Id': email.id },
      });
      await this.dataSource.getRepository(Email).update(
        { id: email.id },
        { status: 'sent', sentAt: new Date(), providerMessageId: messageId, attempts: email.attempts + 1, lastError: null },
      );
      return 'sent';
    } catch (error) {
      await this.dataSource.getRepository(Email).update({ id: email.id }, { attempts: email.attempts + 1, lastError: (error as Error).message });
      this.logger.warn(`email ${email.id} not sent yet: ${(error as Error).message}`);
      throw error;
    }
  }

  /** After the last retry: give up on this email, visibly. */
  async markFailed(emailId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(Email).update({ id: emailId, status: 'pending' }, { status: 'failed', lastError: reason });
  }
}
