import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CatalogueEntry } from './exercise.types';

/**
 * One known exercise: its categories for the session tagger and the spellings it answers to. Names are unique
 * case-insensitively (a unique index on lower(name), built by the migration: TypeORM cannot describe an expression
 * index, hence synchronize: false); the service also keeps names and aliases unique once normalized.
 */
@Entity('exercise_catalogue')
@Index('uq_exercise_catalogue_name_lower', { synchronize: false })
export class ExerciseDefinition implements CatalogueEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @Column({ type: 'boolean', default: false })
  spinalLoading!: boolean;

  @Column({ type: 'boolean', default: false })
  core!: boolean;

  @Column({ type: 'boolean', default: false })
  warmUp!: boolean;

  @Column({ type: 'boolean', default: false })
  coolDown!: boolean;

  @Column({ type: 'boolean', default: false })
  mobility!: boolean;

  /** Why a judgement call went the way it did (e.g. "goblet squat: load limited by the arms"). */
  @Column({ type: 'text', nullable: true })
  notes!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
