import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Athlete } from '@app/roster';

/** Morning markers from a daily-summary source (resting HR, HRV, sleep). */
@Entity('daily_recovery')
export class DailyRecovery {
  @PrimaryColumn({ type: 'uuid' })
  athleteId!: string;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @PrimaryColumn({ type: 'text' })
  source!: string;

  @Column({ type: 'smallint', nullable: true })
  restingHr!: number | null;

  @Column({ type: 'real', nullable: true })
  hrvRmssd!: number | null;

  @Column({ type: 'integer', nullable: true })
  sleepS!: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
