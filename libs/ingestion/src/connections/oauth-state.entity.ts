import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Athlete } from '@app/roster';

/** A pending OAuth authorization: the `state` we sent, whose athlete it is, and the PKCE verifier (sealed). */
@Entity('oauth_states')
export class OAuthState {
  @PrimaryColumn({ type: 'text' })
  state!: string;

  @Column({ type: 'uuid' })
  athleteId!: string;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text', nullable: true })
  codeVerifierSealed!: string | null;

  @Column({ type: 'boolean', default: false })
  purgeOnDisconnect!: boolean;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
