import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Every environment variable the product reads, with its rule. Defaults live in app-config.ts. */
export class EnvSchema {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must look like postgres://user@host:5432/dbname' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must look like redis://host:6379' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must look like smtp://user:pass@host:587 (or be unset to write .eml files)' })
  SMTP_URL?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'APP_SECRET must be at least 32 characters (it derives the encryption key for secrets at rest)' })
  APP_SECRET?: string;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'API_TOKEN must be at least 16 characters' })
  API_TOKEN?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @IsString()
  MAIL_DIR?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9:_-]+$/i, { message: 'QUEUE_PREFIX may hold letters, digits, ":", "_" and "-"' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES?: number;

  @IsOptional()
  @IsIn(['true', 'false'])
  MIGRATE_ON_BOOT?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  WEBHOOK_BODY_LIMIT_BYTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  LARGE_WEBHOOK_BODY_LIMIT_BYTES?: number;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be the http(s) URL the API is reached at' })
  PUBLIC_URL?: string;

  @IsOptional()
  @Matches(/^[^\s@]+@[^\s@]+$/, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(10, { message: 'ADMIN_PASSWORD must be at least 10 characters' })
  ADMIN_PASSWORD?: string;
}
