import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { returnedRows } from '@app/common';
import { JobName, OutboxRepository } from '@app/queue';
import { Email, EmailKind } from './entities';
import { MailTransport } from './mail-transport';
import type { RenderedEmail } from './alert-email.template';
import { PreferenceKind, PreferencesService } from './preferences';

export interface QueuedEmail {
  kind: EmailKind;
  alertId: string | null;
  recipient: string;
  /** At most one email ever exists per key, however often the caller runs. */
  idempotencyKey: string;
  rendered: RenderedEmail & { html?: string };
  /** A chart for the HTML part (`cid:chart@loadwatch`). */
  inlinePng?: Buffer | null;
  /** Recipient's quiet hours: not before then. */
  sendAfter?: Date | null;
  /** Adds one-click unsubscribe headers (RFC 8058) for this preference kind. */
  unsubscribeKind?: PreferenceKind | null;
}

export const CHART_CID = 'chart@loadwatch';

export type SendOutcome = 'sent' | 'already-sent' | 'unconfirmed' | 'not-pending' | 'missing' | { notBefore: Date };

/** Stores outgoing email (inside the caller's transaction) and sends it from the email.send job. */
@Injectable()
export class EmailService {
  private readonly logger = new Logger(EmailService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly preferences: PreferencesService,
  ) {}

  /** Returns the ids of emails that are new; an existing idempotency key is left alone. */
  async queue(manager: EntityManager, emails: QueuedEmail[]): Promise<string[]> {
    const created: string[] = [];
    for (const email of emails) {
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO emails (kind, alert_id, recipient, idempotency_key, subject, body_text, body_html, inline_png, send_after, unsubscribe_kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
        [
          email.kind,
          email.alertId,
          email.recipient,
          email.idempotencyKey,
          email.rendered.subject,
          email.rendered.text,
          email.rendered.html ?? null,
          email.inlinePng ?? null,
          email.sendAfter ?? null,
          email.unsubscribeKind ?? null,
        ],
      );
      if (rows.length === 0) continue;
      await this.outbox.add(manager, JobName.SendEmail, { emailId: rows[0].id });
      created.push(rows[0].id);
    }
    return created;
  }

  /**
   * email.send, exactly once as far as a mail server can tell:
   * 1. the row is claimed (`pending` → `sending`, committed) before the SMTP conversation;
   * 2. accepted → `sent`; an SMTP error → back to `pending` and the job retries with backoff;
   * 3. a worker that died mid-send leaves `sending`: the retry then cannot know whether the server accepted the
   *    message, so it does NOT send again; it marks the email `unconfirmed` for an admin to check.
   * At most one email per row, in every case; the cost is that a crash in that window needs a human look.
   */
  async send(emailId: string): Promise<SendOutcome> {
    const repo = this.dataSource.getRepository(Email);
    const [due] = await this.dataSource.query(`SELECT send_after FROM emails WHERE id = $1 AND status = 'pending' AND send_after > now()`, [emailId]);
    if (due) return { notBefore: new Date(due.send_after) }; // quiet hours: the job waits, the email is not dropped
    const claimed = returnedRows<{ id: string }>(
      await this.dataSource.query(`UPDATE emails SET status = 'sending', attempts = attempts + 1, updated_at = now() WHERE id = $1 AND status = 'pending' RETURNING id`, [emailId]),
    );
    if (claimed.length === 0) {
      const email = await repo.findOneBy({ id: emailId });
      if (!email) return 'missing';
      if (email.status === 'sending') {
        await repo.update({ id: emailId, status: 'sending' }, { status: 'unconfirmed', lastError: 'a worker stopped while sending; not resent to avoid a duplicate' });
        this.logger.warn(`email ${emailId} may or may not have been delivered (worker stopped mid-send): marked unconfirmed`);
        return 'unconfirmed';
      }
      return email.status === 'sent' ? 'already-sent' : 'not-pending';
    }
    const email = await repo.findOneByOrFail({ id: emailId });
    try {
      const messageId = await this.transport.send({
        from: this.config.mailFrom,
        to: email.recipient,
        subject: email.subject,
        text: email.bodyText,
        html: email.bodyHtml ?? undefined,
        inline: email.inlinePng ? [{ filename: 'load.png', content: email.inlinePng, cid: CHART_CID, contentType: 'image/png' }] : undefined,
        // Stable per email, so a receiving server can also recognise a duplicate.
        messageId: `<${email.id}@loadwatch>`,
        headers: {
          'X-Loadwatch-Email-Id': email.id,
          ...(email.unsubscribeKind ? this.preferences.unsubscribeHeaders(email.recipient, email.unsubscribeKind as PreferenceKind) : {}),
        },
      });
      await repo.update({ id: email.id }, { status: 'sent', sentAt: new Date(), providerMessageId: messageId, lastError: null });
      return 'sent';
    } catch (error) {
      await repo.update({ id: email.id }, { status: 'pending', lastError: (error as Error).message });
      this.logger.warn(`email ${email.id} not sent yet: ${(error as Error).message}`);
      throw error;
    }
  }

  /** Emails that need an admin: failed after every retry, or unconfirmed after a crash mid-send. */
  needingAttention(): Promise<Email[]> {
    return this.dataSource.getRepository(Email).find({ where: [{ status: 'failed' }, { status: 'unconfirmed' }], order: { updatedAt: 'DESC' }, take: 200 });
  }

  /** After the last retry: give up on this email, visibly. */
  async markFailed(emailId: string, reason: string): Promise<void> {
    await this.dataSource.getRepository(Email).update({ id: emailId, status: 'pending' }, { status: 'failed', lastError: reason });
  }
}
