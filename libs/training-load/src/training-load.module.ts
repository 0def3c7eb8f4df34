import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RosterModule } from '@app/roster';
import { DailyMetric, DailyRecovery, SelfReport, SessionTombstone, TrainingSession } from './entities';
import { AthleteInputService } from './athlete-input.service';
import { DailyMetricsStore } from './daily-metrics.store';
import { ExerciseCatalogueModule } from './exercises';
import { LoadCalibrator } from './load-calibrator';
import { LoadRecomputeService } from './load-recompute.service';
import { MetricsQuery } from './metrics.query';
import { SessionStore } from './session.store';

@Module({
  imports: [TypeOrmModule.forFeature([TrainingSession, DailyRecovery, SelfReport, DailyMetric, SessionTombstone]), RosterModule, ExerciseCatalogueModule],
  providers: [SessionStore, LoadRecomputeService, DailyMetricsStore, LoadCalibrator, MetricsQuery, AthleteInputService],
  exports: [SessionStore, LoadRecomputeService, MetricsQuery, AthleteInputService, ExerciseCatalogueModule],
})
export class TrainingLoadModule {}
