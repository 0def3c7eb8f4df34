import { INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { RequestHandler } from 'express';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/common';
import { serveWebAssets } from './web/web-assets';

/** Webhooks carry neither JSON to parse before the signature check nor cookies: skip the work per delivery. */
function exceptWebhooks(middleware: RequestHandler): RequestHandler {
  return (req, res, next) => (req.url.startsWith('/webhooks/') ? next() : middleware(req, res, next));
}

/** Everything main.ts and the tests must set up the same way on the HTTP app. */
export function configureApp(app: INestApplication, config: AppConfig): INestApplication {
  app.useLogger(app.get(Logger));
  // No framework banner in every response (it tells a scanner what to try).
  (app.getHttpAdapter().getInstance() as express.Application).disable('x-powered-by');
  // Webhook signatures are computed over the exact bytes: those routes get the raw body, parsed after verifying.
  // Garmin (≥ 100 MB activity details) and Terra send whole data sets in one delivery: those routes get more room.
  for (const route of ['/webhooks/garmin', '/webhooks/terra', '/webhooks/junction']) {
    app.use(route, express.raw({ type: () => true, limit: config.largeWebhookBodyLimitBytes }));
  }
  app.use('/webhooks', express.raw({ type: () => true, limit: config.webhookBodyLimitBytes }));
  app.use(exceptWebhooks(express.json({ limit: '256kb' })));
  app.use(exceptWebhooks(cookieParser()));
  serveWebAssets(app);
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
