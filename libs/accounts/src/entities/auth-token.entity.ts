import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '@app/roster';

/** What a token lets its holder do: a browser session (cookie), a personal API token (bearer), or one password reset. */
export type AuthTokenPurpose = 'session' | 'api' | 'password-reset';

/** A secret handed to one person. Only its SHA-256 is stored: a database leak yields no usable token. */
@Entity('auth_tokens')
export class AuthToken {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_auth_tokens_user')
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'text' })
  purpose!: AuthTokenPurpose;

  @Index('uq_auth_tokens_hash', { unique: true })
  @Column({ type: 'text' })
  tokenHash!: string;

  /** What the person called it (API tokens), or the browser it was created from (sessions). */
  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Set on logout, revocation, a used reset token, or a password change (which ends every session). */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
