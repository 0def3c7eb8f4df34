import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Athlete } from './athlete.entity';
import { Team } from './team.entity';

export type UserRole = 'admin' | 'coach' | 'athlete';

/** A person who signs in: an admin, a coach (or clinician) of a team, or an athlete. */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_users_email', { unique: true })
  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  name!: string;

  /** argon2 hash; null until the person sets a password (from an invite or a reset link). */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  /** An athlete's login belongs to one athlete record (null for admins and coaches). */
  @Index('uq_users_athlete', { unique: true, where: '"athlete_id" IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  athleteId!: string | null;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  /** IANA zone: digests arrive at 07:00 there, quiet hours are read there. */
  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
