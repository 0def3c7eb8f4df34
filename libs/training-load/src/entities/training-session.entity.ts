import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Athlete } from '@app/roster';

export type LoadMethod = 'srpe' | 'trimp' | 'trimp100' | 'tss' | 'estimated';

export interface ExerciseSet {
  reps: number;
  kg?: number;
  rpe?: number;
}
export interface Exercise {
  name: string;
  sets: ExerciseSet[];
}

/** One workout. (provider, externalId) is unique: a redelivered or updated workout replaces its row. */
@Entity('sessions')
@Index('uq_sessions_provider_external_id', ['provider', 'externalId'], { unique: true })
@Index('ix_sessions_athlete_local_date', ['athleteId', 'localDate'])
export class TrainingSession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  athleteId!: string;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  externalId!: string;

  /** The athlete's local calendar day of the start: the day the load counts for. */
  @Column({ type: 'date' })
  localDate!: string;

  @Column({ type: 'timestamptz' })
  startTime!: Date;

  @Column({ type: 'integer' })
  durationS!: number;

  @Column({ type: 'integer', nullable: true })
  movingTimeS!: number | null;

  @Column({ type: 'text', nullable: true })
  sport!: string | null;

  @Column({ type: 'double precision', nullable: true })
  distanceM!: number | null;

  @Column({ type: 'smallint', nullable: true })
  avgHr!: number | null;

  @Column({ type: 'smallint', nullable: true })
  maxHr!: number | null;

  /** RPE the platform recorded (Strava perceived_exertion, Garmin workoutRpe …). */
  @Column({ type: 'real', nullable: true })
  rpe!: number | null;

  /** RPE the athlete gave us, also after the fact; it wins over the platform's and survives platform updates. */
  @Column({ type: 'real', nullable: true })
  athleteRpe!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  exercises!: Exercise[] | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  /** Banister TRIMP when HR and the athlete's HR rest/max are known (kept for the per-athlete sRPE fit). */
  @Column({ type: 'double precision', nullable: true })
  trimp!: number | null;

  /** TSS when power and the athlete's FTP are known. */
  @Column({ type: 'double precision', nullable: true })
  tss!: number | null;

  /** Seconds in the five %HRmax zones (Edwards), when the platform sends them. */
  @Column({ type: 'integer', array: true, nullable: true })
  hrZoneSeconds!: number[] | null;

  @Column({ type: 'real', nullable: true })
  avgPower!: number | null;

  @Column({ type: 'real', nullable: true })
  normalizedPower!: number | null;

  @Column({ type: 'double precision' })
  load!: number;

  @Column({ type: 'text' })
  loadMethod!: LoadMethod;

  @Column({ type: 'boolean', default: false })
  deleted!: boolean;

  /** When the source last changed this workout: an older delivery never overwrites a newer one. */
  @Column({ type: 'timestamptz' })
  sourceUpdatedAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
