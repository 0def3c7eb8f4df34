import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvSchema } from './env.schema';
import { ProviderSettings, readProviderSettings } from './provider-settings';

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  databaseUrl: string;
  redisUrl: string;
  /** Unset: emails are written as .eml files under mailDir. */
  smtpUrl: string | null;
  port: number;
  appSecret: string;
  apiToken: string;
  mailFrom: string;
  mailDir: string;
  logLevel: string;
  queuePrefix: string;
  outboxPollMs: number;
  workerConcurrency: number;
  /** API processes sharing the port on this machine (node:cluster); 1 runs the API in the started process. */
  apiProcesses: number;
  migrateOnBoot: boolean;
  webhookBodyLimitBytes: number;
  /** For platforms that push whole data sets (Garmin, Terra, Junction). */
  largeWebhookBodyLimitBytes: number;
  /** Where browsers and platforms reach this API (OAuth redirect URIs are built from it). */
  publicUrl: string;
  /** The first admin account, created on boot when no admin exists yet (ADMIN_EMAIL + ADMIN_PASSWORD). */
  bootstrapAdmin: { email: string; password: string } | null;
  /** Per wearable platform (keys: strava, garmin, …). */
  providers: Record<string, ProviderSettings>;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

// Development defaults only: production refuses to start without real secrets (see below).
const DEV_APP_SECRET = 'loadwatch-development-secret-change-me-0001';
const DEV_API_TOKEN = 'loadwatch-dev-token';

/** Validates the environment once, at boot, and returns the typed configuration the app reads. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(EnvSchema, { ...env }, { enableImplicitConversion: false });
  const errors = validateSync(parsed, { skipMissingProperties: false, forbidUnknownValues: false });
  const messages = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  const nodeEnv = (parsed.NODE_ENV ?? 'development') as AppConfig['env'];
  if (nodeEnv === 'production') {
    if (!parsed.APP_SECRET) messages.push('APP_SECRET is required when NODE_ENV=production');
    if (!parsed.API_TOKEN) messages.push('API_TOKEN is required when NODE_ENV=production');
  }
  if ((parsed.ADMIN_EMAIL === undefined) !== (parsed.ADMIN_PASSWORD === undefined)) {
    messages.push('ADMIN_EMAIL and ADMIN_PASSWORD go together: set both to create the first admin, or neither');
  }
  const providers = readProviderSettings(env);
  messages.push(...providers.errors);
  if (messages.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${messages.join('\n  - ')}`);
  }
  return {
    env: nodeEnv,
    databaseUrl: parsed.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loadwatch',
    redisUrl: parsed.REDIS_URL ?? 'redis://127.0.0.1:6379',
    smtpUrl: parsed.SMTP_URL ?? null,
    port: parsed.PORT ?? 3000,
    appSecret: parsed.APP_SECRET ?? DEV_APP_SECRET,
    apiToken: parsed.API_TOKEN ?? DEV_API_TOKEN,
    mailFrom: parsed.MAIL_FROM ?? 'Loadwatch <alerts@loadwatch.local>',
    mailDir: parsed.MAIL_DIR ?? 'var/mail',
    logLevel: parsed.LOG_LEVEL ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    queuePrefix: parsed.QUEUE_PREFIX ?? 'loadwatch',
    outboxPollMs: parsed.OUTBOX_POLL_MS ?? 50,
    workerConcurrency: parsed.WORKER_CONCURRENCY ?? 4,
    apiProcesses: parsed.API_PROCESSES ?? 1,
    migrateOnBoot: (parsed.MIGRATE_ON_BOOT ?? 'true') === 'true',
    webhookBodyLimitBytes: parsed.WEBHOOK_BODY_LIMIT_BYTES ?? 1024 * 1024,
    largeWebhookBodyLimitBytes: parsed.LARGE_WEBHOOK_BODY_LIMIT_BYTES ?? 110 * 1024 * 1024,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT ?? 3000}`).replace(/\/$/, ''),
    providers: providers.settings,
    bootstrapAdmin: parsed.ADMIN_EMAIL && parsed.ADMIN_PASSWORD ? { email: parsed.ADMIN_EMAIL, password: parsed.ADMIN_PASSWORD } : null,
  };
}
