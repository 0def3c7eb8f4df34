import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class WellnessData {
  @IsOptional() @IsInt() @Min(1) @Max(5) sleepQuality?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) fatigue?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) stress?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) soreness?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) mood?: number;
}

/** What an athlete reports about a day (SPEC §3 self-report), from the generic webhook or the API. */
export class SelfReportFields {
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' }) date!: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => WellnessData) wellness?: WellnessData;
  @IsOptional() @IsInt() @Min(0) @Max(10) backPain?: number;
  @IsOptional() @IsString() @Length(1, 60) backPainRegion?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) redFlags?: string[];
  @IsOptional() @IsBoolean() didNotWearDevice?: boolean;
  @IsOptional() @IsBoolean() illness?: boolean;
}
