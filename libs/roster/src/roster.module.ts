import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Athlete, CoachConsent, Team, User } from './entities';
import { RosterService } from './roster.service';

@Module({
  imports: [TypeOrmModule.forFeature([Team, Athlete, User, CoachConsent])],
  providers: [RosterService],
  exports: [RosterService],
})
export class RosterModule {}
