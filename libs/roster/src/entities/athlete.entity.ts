import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Team } from './team.entity';

export type Sex = 'male' | 'female';

@Entity('athletes')
@Index('uq_athletes_team_external_id', ['teamId', 'externalId'], { unique: true, where: '"external_id" IS NOT NULL' })
export class Athlete {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  /** The id an integration uses for this athlete (webhooks may send athleteExternalId instead of our id). */
  @Column({ type: 'text', nullable: true })
  externalId!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** IANA zone: the athlete's local calendar day decides which day a session counts for. */
  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @Column({ type: 'text', nullable: true })
  sex!: Sex | null;

  @Column({ type: 'smallint', nullable: true })
  hrRest!: number | null;

  @Column({ type: 'smallint', nullable: true })
  hrMax!: number | null;

  @Column({ type: 'smallint', nullable: true })
  hrThreshold!: number | null;

  @Column({ type: 'smallint', nullable: true })
  ftp!: number | null;

  /** Low-back pain in the last 12 months: the strongest single predictor in the back-pain score. */
  @Column({ type: 'boolean', default: false })
  lbpHistory!: boolean;

  /** The athlete's fit of sRPE on TRIMP (null until 10 sessions have both): scores HR-only sessions. */
  @Column({ type: 'jsonb', nullable: true })
  loadCalibration!: { slope: number; intercept: number; n: number; r2: number } | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
