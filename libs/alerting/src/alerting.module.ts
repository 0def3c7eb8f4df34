import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@app/notifications';
import { AlertEvaluator } from './alert-evaluator.service';
import { AlertsQuery } from './alerts.query';
import { Alert } from './entities';

@Module({
  imports: [TypeOrmModule.forFeature([Alert]), NotificationsModule],
  providers: [AlertEvaluator, AlertsQuery],
  exports: [AlertEvaluator, AlertsQuery],
})
export class AlertingModule {}
