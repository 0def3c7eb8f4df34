import { plainToInstance } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  validateSync,
  ValidationError,
} from 'class-validator';
import { DomainError, ErrorCode } from '@app/common';
import { SelfReportFields, SessionFields } from '@app/training-load';

export const STANDARD_EVENT_TYPES = ['session.upserted', 'session.deleted', 'recovery.upserted', 'self_report.upserted'] as const;
export type StandardEventType = (typeof STANDARD_EVENT_TYPES)[number];

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Who the event is about: our athlete id, or the id the sender knows the athlete by. */
abstract class AthleteRefData {
  @ValidateIf((o: AthleteRefData) => o.athleteExternalId === undefined || o.athleteId !== undefined)
  @IsUUID('all', { message: 'athleteId must be a UUID (or send athleteExternalId instead)' })
  athleteId?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  athleteExternalId?: string;
}

export class SessionUpsertedData extends SessionFields {
  @ValidateIf((o: SessionUpsertedData) => o.athleteExternalId === undefined || o.athleteId !== undefined)
  @IsUUID('all', { message: 'athleteId must be a UUID (or send athleteExternalId instead)' })
  athleteId?: string;
  @IsOptional() @IsString() @Length(1, 200) athleteExternalId?: string;
  @IsString() @Length(1, 200) externalId!: string;
  /** When the sender last changed this session; later versions replace earlier ones. */
  @IsOptional() @IsISO8601({ strict: true }) updatedAt?: string;
}

export class SessionDeletedData extends AthleteRefData {
  @IsString() @Length(1, 200) externalId!: string;
  @IsOptional() @IsISO8601({ strict: true }) updatedAt?: string;
}

export class RecoveryUpsertedData extends AthleteRefData {
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date!: string;
  @IsOptional() @IsInt() @Min(20) @Max(150) restingHr?: number;
  @IsOptional() @IsNumber() @Min(1) @Max(400) hrvRmssd?: number;
  @IsOptional() @IsInt() @Min(0) @Max(24 * 3600) sleepS?: number;
}

export class SelfReportUpsertedData extends SelfReportFields {
  @ValidateIf((o: SelfReportUpsertedData) => o.athleteExternalId === undefined || o.athleteId !== undefined)
  @IsUUID('all', { message: 'athleteId must be a UUID (or send athleteExternalId instead)' })
  athleteId?: string;
  @IsOptional() @IsString() @Length(1, 200) athleteExternalId?: string;
}

const DATA_CLASS = {
  'session.upserted': SessionUpsertedData,
  'session.deleted': SessionDeletedData,
  'recovery.upserted': RecoveryUpsertedData,
  'self_report.upserted': SelfReportUpsertedData,
} as const;

export type StandardEvent =
  | { type: 'session.upserted'; data: SessionUpsertedData }
  | { type: 'session.deleted'; data: SessionDeletedData }
  | { type: 'recovery.upserted'; data: RecoveryUpsertedData }
  | { type: 'self_report.upserted'; data: SelfReportUpsertedData };

export interface FieldError {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = 'data'): FieldError[] {
  return errors.flatMap((e) => {
    const field = `${prefix}.${e.property}`;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Parses a Standard Webhooks body into a typed event, or throws 400 (not JSON) / 422 (listing every bad field). */
export function parseStandardEvent(rawBody: Buffer | string): StandardEvent {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString());
  } catch {
    throw new DomainError(ErrorCode.MalformedJson, 'Request body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DomainError(ErrorCode.ValidationFailed, 'Body must be an object { "type": …, "data": { … } }');
  }
  const { type, data } = json as { type?: unknown; data?: unknown };
  if (typeof type !== 'string' || !(STANDARD_EVENT_TYPES as readonly string[]).includes(type)) {
    throw new DomainError(ErrorCode.ValidationFailed, `type must be one of ${STANDARD_EVENT_TYPES.join(', ')}`, [
      { field: 'type', problems: [`got ${JSON.stringify(type) ?? 'nothing'}`] },
    ]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DomainError(ErrorCode.ValidationFailed, 'data must be an object', [{ field: 'data', problems: ['must be an object'] }]);
  }
  const instance = plainToInstance(DATA_CLASS[type as StandardEventType] as new () => object, data);
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new DomainError(ErrorCode.ValidationFailed, `${type} has invalid or missing fields`, flatten(errors));
  }
  return { type, data: instance } as StandardEvent;
}

export function athleteRefOf(data: AthleteRefData): { athleteId: string } | { athleteExternalId: string } {
  return data.athleteId !== undefined ? { athleteId: data.athleteId } : { athleteExternalId: data.athleteExternalId as string };
}
