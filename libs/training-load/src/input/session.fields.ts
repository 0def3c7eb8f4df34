import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

// A start time must carry its offset (or Z): the athlete's local day is computed from the instant.
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const SESSION_TAGS = ['spinal-loading', 'core', 'warm-up', 'cool-down', 'max-attempt', 'recovery'] as const;

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

/** A session's fields as senders and the API give them (validated once, here, for every way in). */
export class SessionFields {
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
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(SESSION_TAGS, { each: true }) tags?: string[];
}
