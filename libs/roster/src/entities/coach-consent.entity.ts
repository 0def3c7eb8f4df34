import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Athlete } from './athlete.entity';
import { User } from './user.entity';

/** An athlete's consent to share their data (and alerts) with one coach; revocable, kept for the record. */
@Entity('coach_consents')
@Index('uq_coach_consents_active', ['athleteId', 'coachId'], { unique: true, where: '"revoked_at" IS NULL' })
export class CoachConsent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  athleteId!: string;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  @Column({ type: 'uuid' })
  coachId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'coach_id' })
  coach?: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
