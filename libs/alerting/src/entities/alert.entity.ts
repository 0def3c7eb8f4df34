import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Athlete } from '@app/roster';

export type AlertKind = 'overtraining' | 'back-pain';
export type AlertSeverity = 'info' | 'warning' | 'high';
export type AlertStatus = 'open' | 'acknowledged' | 'resolved' | 'snoozed';
export type EvidenceGrade = 'strong' | 'moderate' | 'low' | 'vendor';

export interface AlertHistoryEntry {
  at: string;
  status: AlertStatus;
  severity: AlertSeverity;
  by: string;
  note?: string;
}

/** One alert per (athlete, rule) while it is not resolved: re-triggering updates it. */
@Entity('alerts')
@Index('uq_alerts_active_per_rule', ['athleteId', 'ruleId'], { unique: true, where: `"status" <> 'resolved'` })
@Index('ix_alerts_status', ['status', 'athleteId'])
export class Alert {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  athleteId!: string;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  @Column({ type: 'text' })
  ruleId!: string;

  @Column({ type: 'text' })
  kind!: AlertKind;

  @Column({ type: 'text' })
  severity!: AlertSeverity;

  @Column({ type: 'text', default: 'open' })
  status!: AlertStatus;

  @Column({ type: 'date' })
  firstTriggeredOn!: string;

  @Column({ type: 'date' })
  lastTriggeredOn!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  message!: string;

  /** The numbers that made the rule fire, by name (e.g. acwrEwma, ewmaAcute, ewmaChronic). */
  @Column({ type: 'jsonb' })
  evidence!: Record<string, number | string | boolean | null>;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  recommendations!: string[];

  @Column({ type: 'text' })
  evidenceGrade!: EvidenceGrade;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  history!: AlertHistoryEntry[];

  /** Acknowledged alerts stay quiet for 24 h from here unless their severity rises. */
  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  /** A snoozed alert stays quiet until then. */
  @Column({ type: 'timestamptz', nullable: true })
  snoozedUntil!: Date | null;

  /** The version of the rule thresholds that last evaluated it. */
  @Column({ type: 'integer', default: 1 })
  thresholdsVersion!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
