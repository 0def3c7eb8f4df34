import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DigestService } from './digest/digest.service';
import { EmailService } from './email.service';
import { Email } from './entities';
import { MailTransport } from './mail-transport';
import { NotificationPreference, PreferencesService, UnsubscribeTokens } from './preferences';

@Module({
  imports: [TypeOrmModule.forFeature([Email, NotificationPreference])],
  providers: [
    EmailService,
    MailTransport,
    PreferencesService,
    DigestService,
    { provide: UnsubscribeTokens, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new UnsubscribeTokens(config.appSecret) },
  ],
  exports: [EmailService, PreferencesService, UnsubscribeTokens, DigestService],
})
export class NotificationsModule {}
