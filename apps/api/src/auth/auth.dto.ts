import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'coach@club.test' }) @IsEmail() email!: string;
  @ApiProperty() @IsString() @Length(1, 200) password!: string;
}

export class ApiTokenDto {
  @ApiProperty({ example: 'spreadsheet export' }) @IsString() @Length(1, 100) label!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'coach@club.test' }) @IsEmail() email!: string;
}

export class PasswordResetDto {
  @ApiProperty() @IsString() @Length(10, 200) token!: string;
  @ApiProperty({ description: 'at least 10 characters' }) @IsString() password!: string;
}

export class AcceptInviteDto {
  @ApiProperty() @IsString() @Length(10, 200) token!: string;
  @ApiProperty({ description: 'at least 10 characters' }) @IsString() password!: string;
  @ApiProperty({ description: 'Share your data and alerts with the coach who invited you (you can stop at any time)' }) @IsBoolean() shareWithCoach!: boolean;
  @ApiPropertyOptional({ example: 'Europe/Oslo' }) @IsOptional() @IsString() timezone?: string;
}

export class InviteAthleteDto {
  @ApiProperty({ example: 'maya@club.test' }) @IsEmail() email!: string;
  @ApiProperty({ example: 'Maya Okafor' }) @IsString() @Length(1, 120) name!: string;
  @ApiPropertyOptional({ example: 'Europe/London' }) @IsOptional() @IsString() timezone?: string;
}
