import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { SessionFields } from '@app/training-load';

export class RateSessionDto {
  @ApiProperty({ minimum: 0, maximum: 10, description: 'Session RPE on the CR-10 scale, about 30 min after the session' })
  @IsNumber()
  @Min(0)
  @Max(10)
  rpe!: number;
}

/** A session the athlete logs by hand, e.g. strength work with its sets. */
export class LogSessionDto extends SessionFields {
  @ApiPropertyOptional({ description: 'Your own id for the session; sending it again updates the session' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;
}

/** Athlete profile fields set at onboarding (and later). */
export class UpdateAthleteDto {
  @ApiPropertyOptional({ description: 'Low-back pain in the last 12 months (the strongest back-pain risk factor)' })
  @IsOptional()
  @IsBoolean()
  lbpHistory?: boolean;
  @ApiPropertyOptional({ example: 'Europe/Berlin' }) @IsOptional() @IsString() timezone?: string;
  @ApiPropertyOptional({ enum: ['male', 'female'] }) @IsOptional() @IsIn(['male', 'female']) sex?: 'male' | 'female';
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(25) @Max(120) hrRest?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(100) @Max(250) hrMax?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(80) @Max(240) hrThreshold?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(30) @Max(700) ftp?: number;
}

export class ConsentDto {
  @ApiProperty({ description: 'A coach of the athlete’s team' }) @IsUUID() coachId!: string;
}
