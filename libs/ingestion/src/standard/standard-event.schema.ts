import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
  validateSync,
  ValidationError,
} from 'class-validator';
import { DomainError, ErrorCode } from '@app/common';

export const STANDARD_EVENT_TYPES = ['session.upserted', 'session.deleted', 'recovery.upserted', 'self_report.upserted'] as const;
export type StandardEventType = (typeof STANDARD_EVENT_TYPES)[number];

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// A start time must carry its offset (or Z): the athlete's local day is computed from the instant.
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

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

export class ExerciseSetData {
  @IsInt() @Min(0) @Max(1000) reps!: number;
  @IsOptional() @IsNumber() @Min(0) @Max(1000) kg?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(10) rpe?: number;
}

export class ExerciseData {
  @IsString() @Length(1, 200) name!: string;
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ExerciseSetData) sets!: ExerciseSetData[];
}

export class HrSampleData {
  @IsNumber() @Min(0) @Max(48 * 3600) t!: number;
  @IsOptional() @IsNumber() @Min(20) @Max(250) hr?: number | null;
}

export class SessionUpsertedData extends AthleteRefData {
  @IsString() @Length(1, 200) externalId!: string;
  @Matches(INSTANT_WITH_OFFSET, { message: 'startTime must be an ISO 8601 instant with an offset, e.g. 2026-11-20T07:30:00+01:00' })
  @IsISO8601({ strict: true })
  startTime!: string;
  @IsInt() @Min(1) @Max(48 * 3600) durationS!: number;
  @IsOptional() @IsInt() @Min(0) @Max(48 * 3600) movingTimeS?: number;
  @IsOptional() @IsString() @Length(1, 60) sport?: string;
  @IsOptional() @IsNumber() @Min(0) @Max(1_000_000) distanceM?: number;
  @IsOptional() @IsInt() @Min(20) @Max(250) avgHr?: number;
  @IsOptional() @IsInt() @Min(20) @Max(250) maxHr?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(10) rpe?: number;
  /** Heart rate over the session (seconds since start): per-sample TRIMP when there is no RPE. */
  @IsOptional() @IsArray() @ArrayMaxSize(48 * 3600) @ValidateNested({ each: true }) @Type(() => HrSampleData) hrSamples?: HrSampleData[];
  /** Seconds in the five %HRmax zones (50–60, 60–70, 70–80, 80–90, 90–100 %). */
  @IsOptional() @IsArray() @ArrayMinSize(5) @ArrayMaxSize(5) @IsInt({ each: true }) @Min(0, { each: true }) hrZoneSeconds?: number[];
  /** 1-Hz power in watts: normalized power and TSS (with the athlete's FTP). */
  @IsOptional() @IsArray() @ArrayMaxSize(48 * 3600) @IsNumber({}, { each: true }) @Min(0, { each: true }) @Max(3000, { each: true }) powerSamples?: number[];
  @IsOptional() @IsNumber() @Min(0) @Max(3000) avgPower?: number;
  @IsOptional() @IsNumber() @Min(0) @Max(3000) normalizedPower?: number;
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => ExerciseData) exercises?: ExerciseData[];
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(['spinal-loading', 'core', 'warm-up', 'cool-down', 'max-attempt', 'recovery'], { each: true }) tags?: string[];
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

export class WellnessData {
  @IsOptional() @IsInt() @Min(1) @Max(5) sleepQuality?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) fatigue?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) stress?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) soreness?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) mood?: number;
}

export class SelfReportUpsertedData extends AthleteRefData {
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => WellnessData) wellness?: WellnessData;
  @IsOptional() @IsInt() @Min(0) @Max(10) backPain?: number;
  @IsOptional() @IsString() @Length(1, 60) backPainRegion?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) redFlags?: string[];
  @IsOptional() @IsBoolean() didNotWearDevice?: boolean;
  @IsOptional() @IsBoolean() illness?: boolean;
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
