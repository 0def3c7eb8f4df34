import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation, UpdateDateColumn } from 'typeorm';
import { Athlete } from '@app/roster';

/** One row per athlete per local day; every value was produced by `algoVersion`. */
@Entity('daily_metrics')
export class DailyMetric {
  @PrimaryColumn({ type: 'uuid' })
  athleteId!: string;

  @ManyToOne(() => Athlete, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'athlete_id' })
  athlete?: Relation<Athlete>;

  @PrimaryColumn({ type: 'date' })
  date!: string;

  @Column({ type: 'integer' })
  algoVersion!: number;

  @Column({ type: 'double precision' })
  load!: number;

  @Column({ type: 'text' })
  state!: 'trained' | 'rest' | 'missing';

  @Column({ type: 'double precision', nullable: true }) acute7!: number | null;
  @Column({ type: 'double precision', nullable: true }) chronic28!: number | null;
  @Column({ type: 'double precision', nullable: true }) acwrRac!: number | null;
  @Column({ type: 'double precision', nullable: true }) acwrRau!: number | null;
  @Column({ type: 'double precision', nullable: true }) acwrEwma!: number | null;
  @Column({ type: 'double precision', nullable: true }) ewmaAcute!: number | null;
  @Column({ type: 'double precision', nullable: true }) ewmaChronic!: number | null;
  @Column({ type: 'double precision', nullable: true }) monotony!: number | null;
  @Column({ type: 'double precision', nullable: true }) strain!: number | null;
  @Column({ type: 'double precision', nullable: true }) ctl!: number | null;
  @Column({ type: 'double precision', nullable: true }) atl!: number | null;
  @Column({ type: 'double precision', nullable: true }) form!: number | null;
  @Column({ type: 'double precision', nullable: true }) ramp!: number | null;
  @Column({ type: 'double precision', nullable: true }) restDayRatio7!: number | null;
  @Column({ type: 'double precision', nullable: true }) restDayRatio28!: number | null;
  @Column({ type: 'integer' }) streak!: number;
  @Column({ type: 'double precision', nullable: true }) weekOverWeek!: number | null;
  @Column({ type: 'integer' }) coverage28!: number;

  // Engine carry (running window sums) so a recompute can resume from any day without the whole history.
  @Column({ type: 'double precision', default: 0 }) acuteSum!: number;
  @Column({ type: 'double precision', default: 0 }) chronicSum!: number;
  @Column({ type: 'double precision', default: 0 }) uncoupledSum!: number;
  @Column({ type: 'double precision', default: 0 }) weekSum!: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
