import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock, SystemClock } from './clock';
import { SecretBox } from './secret-box';

@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretBox(config.appSecret) },
  ],
  exports: [Clock, SecretBox],
})
export class CommonModule {}
