import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type EmailKind = 'alert' | 'digest' | 'account';
/** `sending`: claimed by a worker; `unconfirmed`: that worker stopped mid-send (see EmailService.send). */
export type EmailStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'unconfirmed';

/** One outgoing email. The idempotency key (e.g. `alert:<id>:<recipient>`) makes a second send impossible. */
@Entity('emails')
@Index('uq_emails_idempotency_key', ['idempotencyKey'], { unique: true })
export class Email {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  kind!: EmailKind;

  @Column({ type: 'uuid', nullable: true })
  alertId!: string | null;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  idempotencyKey!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  bodyText!: string;

  @Column({ type: 'text', nullable: true })
  bodyHtml!: string | null;

  /** A chart shown inline in the HTML part (Content-ID `chart@loadwatch`). */
  @Column({ type: 'bytea', nullable: true })
  inlinePng!: Buffer | null;

  /** Quiet hours of the recipient: not sent before this instant (delayed, never dropped). */
  @Column({ type: 'timestamptz', nullable: true })
  sendAfter!: Date | null;

  /** The preference kind a one-click unsubscribe turns off (List-Unsubscribe); null: no such header. */
  @Column({ type: 'text', nullable: true })
  unsubscribeKind!: string | null;

  @Column({ type: 'text', default: 'pending' })
  status!: EmailStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
