import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Logged exercise names the catalogue did not know, one row per normalized name, so an admin can add entries or
 * aliases for the names athletes actually use. `seenCount` counts sightings (a redelivered session counts again).
 */
@Entity('unmatched_exercise_names')
@Index('ix_unmatched_exercise_names_last_seen', ['lastSeenAt'])
export class UnmatchedExerciseName {
  /** normalizeExerciseName of the logged name. */
  @PrimaryColumn({ type: 'text' })
  nameKey!: string;

  /** The latest spelling seen. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer', default: 1 })
  seenCount!: number;

  @Column({ type: 'timestamptz' })
  firstSeenAt!: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt!: Date;
}
