import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExerciseCatalogueService } from './exercise-catalogue.service';
import { ExerciseDefinition } from './exercise-definition.entity';
import { UnmatchedExerciseName } from './unmatched-exercise-name.entity';

/** The exercise catalogue (admin CRUD, the tagger's cached catalogue, unknown names). Import where it is needed. */
@Module({
  imports: [TypeOrmModule.forFeature([ExerciseDefinition, UnmatchedExerciseName])],
  providers: [ExerciseCatalogueService],
  exports: [ExerciseCatalogueService],
})
export class ExerciseCatalogueModule {}
