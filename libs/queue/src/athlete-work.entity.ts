import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type AthleteWorkKind = 'recompute' | 'evaluate';

/**
 * Work owed to one athlete, merged: however many recompute requests pile up while a worker is busy, one row
 * remembers the earliest day to rebuild from, and the first job to run does it (the others find nothing and
 * skip). Written in the same transaction as the outbox row that wakes a worker. A job reads the row, does the
 * work, and deletes the row only if its version is unchanged: a request that arrived meanwhile stays for its own
 * job. No foreign key: a row for a deleted athlete is done and skipped like the job itself.
 */
@Entity('athlete_work')
export class AthleteWork {
  @PrimaryColumn({ type: 'uuid' })
  athleteId!: string;

  @PrimaryColumn({ type: 'text' })
  kind!: AthleteWorkKind;

  /** recompute: the earliest changed day of every merged request; evaluate: null. */
  @Column({ type: 'date', nullable: true })
  fromDate!: string | null;

  /** Raised by every merged request. */
  @Column({ type: 'bigint', default: 1 })
  version!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;
}
