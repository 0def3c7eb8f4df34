import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
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

  /** argon2 hash; null until the person sets a password (accounts arrive in Step 6). */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'text' })
  role!: UserRole;

  @Column({ type: 'uuid', nullable: true })
  teamId!: string | null;

  /** IANA zone: digests arrive at 07:00 there, quiet hours are read there. */
  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Relation<Team>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
