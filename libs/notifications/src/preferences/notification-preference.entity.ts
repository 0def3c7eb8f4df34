import { Check, Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DeliveryMode, PreferenceKind, Severity } from './delivery-policy';

/**
 * How one recipient (by email address, lower-cased) wants one kind of email. No row = the defaults
 * (immediate, from `info`, no quiet hours, UTC). Quiet hours are local `HH:MM` in `timezone`; both or neither.
 */
@Entity('notification_preferences')
@Index('uq_notification_preferences_email_kind', ['email', 'kind'], { unique: true })
@Check('ck_notification_preferences_email_lower', `"email" = lower("email")`)
@Check('ck_notification_preferences_kind', `"kind" IN ('overtraining', 'back-pain', 'digest')`)
@Check('ck_notification_preferences_mode', `"mode" IN ('immediate', 'digest', 'off')`)
@Check('ck_notification_preferences_min_severity', `"min_severity" IN ('info', 'warning', 'high')`)
@Check('ck_notification_preferences_quiet_hours', `("quiet_start" IS NULL) = ("quiet_end" IS NULL)`)
export class NotificationPreference {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  kind!: PreferenceKind;

  @Column({ type: 'text', default: 'immediate' })
  mode!: DeliveryMode;

  @Column({ type: 'text', default: 'info' })
  minSeverity!: Severity;

  @Column({ type: 'text', nullable: true })
  quietStart!: string | null;

  @Column({ type: 'text', nullable: true })
  quietEnd!: string | null;

  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
