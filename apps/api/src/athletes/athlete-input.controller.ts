import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { RosterService } from '@app/roster';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AthleteInputService, SelfReportFields } from '@app/training-load';
import { AthleteScoped } from '../auth/access.decorators';
import { ConsentDto, LogSessionDto, RateSessionDto, UpdateAthleteDto } from './athlete-input.dto';

@ApiTags('athletes')
@ApiBearerAuth()
@Controller('api/athletes/:athleteId')
export class AthleteInputController {
  constructor(
    private readonly input: AthleteInputService,
    private readonly roster: RosterService,
  ) {}

  @Patch()
  @AthleteScoped('athleteId', 'read')
  @ApiOperation({ summary: 'Update the athlete profile (LBP history at onboarding, time zone, HR and power markers)' })
  async update(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Body() dto: UpdateAthleteDto) {
    const a = await this.input.updateProfile(athleteId, dto);
    return { id: a.id, name: a.name, timezone: a.timezone, lbpHistory: a.lbpHistory, sex: a.sex, hrRest: a.hrRest, hrMax: a.hrMax, hrThreshold: a.hrThreshold, ftp: a.ftp };
  }

  @Get('consents')
  @AthleteScoped('athleteId', 'own')
  @ApiOperation({ summary: 'The coaches of the athlete’s team and whether the athlete shares with each' })
  sharing(@Param('athleteId', new ParseUUIDPipe()) athleteId: string) {
    return this.roster.sharingOf(athleteId);
  }

  @Post('consents')
  @AthleteScoped('athleteId', 'own')
  @ApiOperation({ summary: "Share the athlete's data and alerts with a coach of their team (consent; revocable)" })
  async grant(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Body() dto: ConsentDto) {
    const c = await this.roster.grantConsent(athleteId, dto.coachId);
    return { athleteId: c.athleteId, coachId: c.coachId, grantedAt: c.grantedAt };
  }

  @Delete('consents/:coachId')
  @AthleteScoped('athleteId', 'own')
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop sharing with a coach (the consent record is kept, marked revoked)' })
  async revoke(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Param('coachId', new ParseUUIDPipe()) coachId: string): Promise<void> {
    await this.roster.revokeConsent(athleteId, coachId);
  }

  @Post('self-reports')
  @AthleteScoped('athleteId', 'own')
  @HttpCode(202)
  @ApiOperation({ summary: 'Daily self-report: wellness (1–5), back pain 0–10 with region and red flags, device not worn, illness' })
  report(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Body() dto: SelfReportFields) {
    return this.input.report(athleteId, dto);
  }

  @Post('sessions')
  @AthleteScoped('athleteId', 'own')
  @HttpCode(202)
  @ApiOperation({ summary: 'Log a session by hand (strength work with exercises and sets, or anything a tracker missed)' })
  log(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Body() dto: LogSessionDto) {
    const { startTime, hrSamples, ...rest } = dto;
    return this.input.logSession(athleteId, { ...rest, startTime: new Date(startTime), hrSamples: hrSamples?.map((s) => ({ t: s.t, hr: s.hr ?? null })) });
  }

  @Post('sessions/:sessionId/rpe')
  @AthleteScoped('athleteId', 'own')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rate a session (also after the fact): its load becomes RPE × minutes; the rating survives tracker updates' })
  rate(@Param('athleteId', new ParseUUIDPipe()) athleteId: string, @Param('sessionId', new ParseUUIDPipe()) sessionId: string, @Body() dto: RateSessionDto) {
    return this.input.rateSession(athleteId, sessionId, dto.rpe);
  }
}
