import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class CreateTeamDto {
  @ApiProperty() @IsString() @Length(1, 120) name!: string;
}

export class CreateAthleteDto {
  @ApiProperty() @IsString() @Length(1, 120) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ description: 'The id your integration sends as athleteExternalId' }) @IsOptional() @IsString() @Length(1, 200) externalId?: string;
  @ApiPropertyOptional({ example: 'Europe/Berlin' }) @IsOptional() @IsString() timezone?: string;
  @ApiPropertyOptional({ enum: ['male', 'female'] }) @IsOptional() @IsIn(['male', 'female']) sex?: 'male' | 'female';
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(25) @Max(120) hrRest?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(100) @Max(250) hrMax?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(80) @Max(240) hrThreshold?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(30) @Max(700) ftp?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() lbpHistory?: boolean;
}

export class CreateCoachDto {
  @ApiProperty() @IsString() @Length(1, 120) name!: string;
  @ApiProperty() @IsEmail() email!: string;
}

export class CreateIntegrationDto {
  @ApiProperty({ example: 'Team sync service' }) @IsString() @Length(1, 120) name!: string;
}
