import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailService } from './email.service';
import { Email } from './entities';
import { MailTransport } from './mail-transport';

@Module({
  imports: [TypeOrmModule.forFeature([Email])],
  providers: [EmailService, MailTransport],
  exports: [EmailService],
})
export class NotificationsModule {}
