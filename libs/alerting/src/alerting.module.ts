import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@app/notifications';
import { AlertActionsService } from './alert-actions.service';
import { AlertEvaluator } from './alert-evaluator.service';
import { AlertStatusQuery } from './alert-status.query';
import { TeamThresholdsService } from './team-thresholds.service';
import { AlertsQuery } from './alerts.query';
import { RuleInputLoader } from './rule-input.loader';
import { Alert } from './entities';

@Module({
  imports: [TypeOrmModule.forFeature([Alert]), NotificationsModule],
  providers: [AlertEvaluator, AlertsQuery, RuleInputLoader, AlertActionsService, AlertStatusQuery, TeamThresholdsService],
  exports: [AlertEvaluator, AlertsQuery, AlertActionsService, RuleInputLoader, AlertStatusQuery, TeamThresholdsService],
})
export class AlertingModule {}
