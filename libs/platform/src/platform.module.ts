import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CommonModule } from '@app/common';
import { AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { httpLogOptions } from './http-log-options';

/** What every process needs once: validated config, logger, clock and secret box, the database connection. */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            ...httpLogOptions(config.logLevel),
            transport: config.env === 'development' && process.stdout.isTTY ? { target: 'pino/file', options: { destination: 1 } } : undefined,
          },
          // Thousands a second: the per-request logger cost ~10 % of a webhook's CPU (measured with --cpu-prof).
          // Refusals are logged by the exception filter; accepted ones logged only at debug before.
          exclude: [{ method: RequestMethod.POST, path: 'webhooks/standard' }],
        }),
        CommonModule,
        DatabaseModule,
      ],
    };
  }
}
