import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { DELIVERY_MODES, DeliveryMode, PREFERENCE_KINDS, PreferenceKind, PreferencesService, PreferencesView, PreferenceView, SEVERITIES, Severity } from '@app/notifications';
import { OwnEmail } from '../auth/access.decorators';

/** Shape only; the service validates the values (HH:MM, IANA zone, both-or-neither quiet hours) and answers 422. */
export class UpdatePreferenceDto {
  @ApiProperty({ enum: PREFERENCE_KINDS }) @IsIn(PREFERENCE_KINDS) kind!: PreferenceKind;
  @ApiPropertyOptional({ enum: DELIVERY_MODES }) @IsOptional() @IsIn(DELIVERY_MODES) mode?: DeliveryMode;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) minSeverity?: Severity;
  @ApiPropertyOptional({ example: '22:00', nullable: true, description: 'local HH:MM; null clears quiet hours' }) @IsOptional() @IsString() quietStart?: string | null;
  @ApiPropertyOptional({ example: '07:00', nullable: true }) @IsOptional() @IsString() quietEnd?: string | null;
  @ApiPropertyOptional({ example: 'Europe/Berlin' }) @IsOptional() @IsString() timezone?: string;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get(':email')
  @OwnEmail()
  @ApiOperation({ summary: "A recipient's email preferences for every kind (defaults where nothing is stored)" })
  get(@Param('email') email: string): Promise<PreferencesView> {
    return this.preferences.get(email);
  }

  @Put(':email')
  @OwnEmail()
  @ApiOperation({ summary: 'Change one kind: mode, minimum severity, quiet hours (local HH:MM) and time zone' })
  set(@Param('email') email: string, @Body() dto: UpdatePreferenceDto): Promise<PreferenceView> {
    const { kind, ...changes } = dto;
    return this.preferences.set(email, kind, changes);
  }
}
