import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@app/notifications';
import { RosterModule } from '@app/roster';
import { AccessService } from './access.service';
import { AccountsService } from './accounts.service';
import { BootstrapAdmin } from './bootstrap-admin';
import { AuthToken, Invite } from './entities';
import { InvitesService } from './invites.service';

@Module({
  imports: [TypeOrmModule.forFeature([AuthToken, Invite]), RosterModule, NotificationsModule],
  providers: [AccountsService, InvitesService, AccessService, BootstrapAdmin],
  exports: [AccountsService, InvitesService, AccessService],
})
export class AccountsModule {}
