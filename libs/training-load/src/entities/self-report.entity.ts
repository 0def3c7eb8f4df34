import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Athlete } from '@app/roster';

export interface Wellness {
  sleepQuality?: number;
  fatigue?: number;
  stress?: number;
  soreness?: number;
  mood?: number;
}

/** What the athlete tells us about a day: wellness, back pain, and whether the device was worn. */
@Entity('self_reports')
export class SelfReport {
  @PrimaryColumn({ type: 'uuid' })
  athleteId!: string;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'jsonb', nullable: true })
  wellness!: Wellness | null;

  @Column({ type: 'smallint', nullable: true })
  backPain!: number | null;

  @Column({ type: 'text', nullable: true })
  backPainRegion!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  redFlags!: string[];

  @Column({ type: 'boolean', default: false })
  didNotWearDevice!: boolean;

  @Column({ type: 'boolean', default: false })
  illness!: boolean;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
