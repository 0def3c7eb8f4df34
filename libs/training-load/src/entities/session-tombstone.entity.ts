import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A deletion that arrived before the session it deletes (platforms deliver out of order). Remembered so that the
 * older create or update, when it comes, is recognised as superseded instead of bringing the session to life.
 */
@Entity('session_tombstones')
export class SessionTombstone {
  @PrimaryColumn({ type: 'text' })
  provider!: string;

  @PrimaryColumn({ type: 'text' })
  externalId!: string;

  /** The deletion's version: an upsert at or before it is ignored; a newer one wins and clears the tombstone. */
  @Column({ type: 'timestamptz' })
  deletedAt!: Date;
}
