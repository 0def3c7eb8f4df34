import fastifyCookie from '@fastify/cookie';
import { ValidationPipe } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/common';
import { registerBodyParsing } from './http/body-parsing';
import { serveWebAssets } from './web/web-assets';

/**
 * The HTTP server under Nest: Fastify. Measured against Express on the webhook path, Nest's own per-request
 * cost fell from ~0.15 to ~0.03 ms of CPU (docs/scaling.md).
 */
export function apiHttpAdapter(): FastifyAdapter {
  // Our body parsing enforces each route's own limit while reading (http/body-parsing.ts): Fastify's cap is off.
  return new FastifyAdapter({ bodyLimit: Number.MAX_SAFE_INTEGER });
}

/** Where the API listens: every interface (in a container the port is published from outside). */
export const LISTEN_HOST = '0.0.0.0';

/** Everything main.ts and the tests must set up the same way on the HTTP app, before `init`/`listen`. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  registerBodyParsing(app.getHttpAdapter().getInstance(), config);
  await app.register(fastifyCookie);
  await serveWebAssets(app);
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) =>
        new DomainError(
          ErrorCode.ValidationFailed,
          'Request validation failed',
          errors.map((e) => ({ field: e.property, problems: Object.values(e.constraints ?? {}) })),
        ),
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Loadwatch API')
      .setDescription('Training-load monitor: wearable webhooks in, metrics and alerts out.')
      .setVersion('0.1')
      .addBearerAuth()
      .addCookieAuth('lw_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  app.enableShutdownHooks();
  return app;
}
