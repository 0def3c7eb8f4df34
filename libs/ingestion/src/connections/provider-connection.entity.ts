import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Athlete } from '@app/roster';

export type ConnectionStatus = 'active' | 'revoked' | 'error';
export type BackfillStatus = 'pending' | 'running' | 'done' | 'failed' | 'not-supported';

/** An athlete's link to one platform. Tokens are sealed with SecretBox; they never leave this row in clear. */
@Entity('provider_connections')
@Index('uq_provider_connections_athlete_provider', ['athleteId', 'provider'], { unique: true })
@Index('uq_provider_connections_active_user', ['provider', 'providerUserId'], { unique: true, where: `"status" = 'active'` })
export class ProviderConnection {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  athleteId!: string;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  providerUserId!: string;

  @Column({ type: 'text', nullable: true })
  accessTokenSealed!: string | null;

  @Column({ type: 'text', nullable: true })
  refreshTokenSealed!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  tokenExpiresAt!: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  scopes!: string[];

  @Column({ type: 'text', default: 'active' })
  status!: ConnectionStatus;

  /** What happens to synced data when the athlete disconnects: kept (default) or purged. */
  @Column({ type: 'boolean', default: false })
  purgeOnDisconnect!: boolean;

  @Column({ type: 'text', default: 'pending' })
  backfillStatus!: BackfillStatus;

  /** e.g. { since, pages, sessions, recoveryDays, lastError } */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  backfillProgress!: Record<string, unknown>;

  @Column({ type: 'timestamptz', nullable: true })
  lastSyncAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
