import { Module } from '@nestjs/common';
import { AlertingModule } from '@app/alerting';
import { RosterModule } from '@app/roster';
import { TrainingLoadModule } from '@app/training-load';
import { AthleteBoardQuery } from './athlete-board.query';
import { RosterBoardQuery } from './roster-board.query';

@Module({
  imports: [RosterModule, TrainingLoadModule, AlertingModule],
  providers: [RosterBoardQuery, AthleteBoardQuery],
  exports: [RosterBoardQuery, AthleteBoardQuery],
})
export class DashboardModule {}
